-- Settings the interview engine reads (idempotent; admins change them afterwards).
INSERT INTO public.app_settings (setting_key, setting_value, description) VALUES
('plan_limits', '{
  "free": {"sessions_per_month": 5, "questions_per_session": 10},
  "premium": {"sessions_per_month": 60, "questions_per_session": 25},
  "enterprise": {"sessions_per_month": null, "questions_per_session": 50}
}', 'Limits per subscription plan: interview sessions created per calendar month (UTC) and questions per session; null means unlimited'),
('question_repeat_window_sessions', '3', 'Questions asked in this many of the user''s most recent sessions for a role are not asked again while others remain'),
('peer_comparison_min_peers', '5', 'Peer percentiles are shown only when at least this many other users completed the same role')
ON CONFLICT (setting_key) DO NOTHING;
