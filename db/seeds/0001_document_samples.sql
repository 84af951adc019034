-- The design document's sample data: job roles, interview questions and app settings. Idempotent.

INSERT INTO public.job_roles (title, category, description, required_skills, industry) VALUES
('Frontend Developer', 'technology', 'Develop user-facing web applications', ARRAY['HTML', 'CSS', 'JavaScript', 'React', 'Vue.js'], 'Technology'),
('Backend Developer', 'technology', 'Develop server-side applications and APIs', ARRAY['Node.js', 'Python', 'Java', 'SQL', 'REST APIs'], 'Technology'),
('Full Stack Developer', 'technology', 'Develop both frontend and backend applications', ARRAY['JavaScript', 'React', 'Node.js', 'SQL', 'Git'], 'Technology'),
('Data Scientist', 'technology', 'Analyze data and build predictive models', ARRAY['Python', 'R', 'SQL', 'Machine Learning', 'Statistics'], 'Technology'),
('Product Manager', 'management', 'Manage product development lifecycle', ARRAY['Product Strategy', 'Analytics', 'Communication', 'Leadership'], 'Technology'),
('Digital Marketing Specialist', 'marketing', 'Execute digital marketing campaigns', ARRAY['SEO', 'SEM', 'Social Media', 'Analytics', 'Content Marketing'], 'Marketing')
ON CONFLICT (title) DO NOTHING;

INSERT INTO public.interview_questions (job_role_id, question_text, question_type, difficulty_level, expected_answer_keywords, time_limit_seconds)
SELECT r.id, q.question_text, q.question_type, q.difficulty_level, q.expected_answer_keywords, q.time_limit_seconds
FROM (VALUES
  ('Frontend Developer', 'What is the difference between let, const, and var in JavaScript?', 'technical', 'medium', ARRAY['scope', 'hoisting', 'reassignment', 'block scope'], 120),
  ('Frontend Developer', 'Tell me about a challenging project you worked on and how you overcame the difficulties.', 'behavioral', 'medium', ARRAY['problem-solving', 'teamwork', 'communication', 'persistence'], 180),
  ('Backend Developer', 'Explain the difference between SQL and NoSQL databases.', 'technical', 'medium', ARRAY['relational', 'document', 'scalability', 'ACID', 'consistency'], 150)
) AS q(role_title, question_text, question_type, difficulty_level, expected_answer_keywords, time_limit_seconds)
JOIN public.job_roles r ON r.title = q.role_title
WHERE NOT EXISTS (
  SELECT 1 FROM public.interview_questions e WHERE e.job_role_id = r.id AND e.question_text = q.question_text
);

INSERT INTO public.app_settings (setting_key, setting_value, description) VALUES
('max_interview_duration', '3600', 'Maximum interview duration in seconds'),
('default_questions_per_interview', '10', 'Default number of questions per interview session'),
('gemini_api_timeout', '30', 'Gemini API timeout in seconds'),
('max_resume_size_mb', '10', 'Maximum resume file size in MB'),
('supported_audio_formats', '["wav", "mp3", "m4a"]', 'Supported audio formats for interview responses')
ON CONFLICT (setting_key) DO NOTHING;
