import { query } from "../db/query.ts";

export type JobRoleRow = {
  id: string;
  title: string;
  category: string;
  description: string | null;
  required_skills: string[];
  experience_levels: string[] | null;
  industry: string | null;
  average_salary_range: string | null;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
};

export type QuestionRow = {
  id: string;
  job_role_id: string;
  question_text: string;
  question_type: string;
  difficulty_level: string;
  expected_answer_keywords: string[] | null;
  sample_answer: string | null;
  evaluation_criteria: Record<string, unknown> | null;
  time_limit_seconds: number | null;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
};

const ROLE_COLUMNS =
  "id, title, category, description, required_skills, experience_levels, industry, average_salary_range, is_active, created_at, updated_at";
const QUESTION_COLUMNS =
  "id, job_role_id, question_text, question_type, difficulty_level, expected_answer_keywords, sample_answer, evaluation_criteria, time_limit_seconds, is_active, created_at, updated_at";

// Read under the caller's RLS: visitors see active rows, admins see all.
export const listRoles = query<JobRoleRow>(
  "catalog.list_roles",
  `select ${ROLE_COLUMNS} from public.job_roles order by category, title`,
);
export const roleById = query<JobRoleRow>(
  "catalog.role_by_id",
  `select ${ROLE_COLUMNS} from public.job_roles where id = $1`,
);
export const questionsOfRole = query<QuestionRow>(
  "catalog.questions_of_role",
  `select ${QUESTION_COLUMNS} from public.interview_questions where job_role_id = $1
   and ($2::text is null or question_type = $2) and ($3::text is null or difficulty_level = $3)
   order by case difficulty_level when 'easy' then 1 when 'medium' then 2 else 3 end, question_type, created_at`,
);

export const insertRole = query<JobRoleRow>(
  "catalog.insert_role",
  `insert into public.job_roles (title, category, description, required_skills, experience_levels, industry, average_salary_range, is_active)
   values ($1, $2, $3, $4, coalesce($5, array['entry', 'mid', 'senior']::varchar[]), $6, $7, coalesce($8, true))
   returning ${ROLE_COLUMNS}`,
);

export const insertQuestion = query<QuestionRow>(
  "catalog.insert_question",
  `insert into public.interview_questions (job_role_id, question_text, question_type, difficulty_level,
     expected_answer_keywords, sample_answer, evaluation_criteria, time_limit_seconds, is_active)
   values ($1, $2, $3, $4, $5, $6, $7, coalesce($8, 120), coalesce($9, true))
   returning ${QUESTION_COLUMNS}`,
);

/** Updates only the listed columns; names come from a fixed allow-list, never from input. */
export function updateRow<Row>(
  table: "job_roles" | "interview_questions",
  columns: string[],
  returning: string,
) {
  const sets = columns.map((column, i) => `${column} = $${i + 2}`).join(", ");
  return query<Row>(
    `catalog.update_${table}(${columns.join(",")})`,
    `update public.${table} set ${sets} where id = $1 returning ${returning}`,
  );
}

export { QUESTION_COLUMNS, ROLE_COLUMNS };
