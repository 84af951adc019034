import { z } from "zod";
import { asCaller } from "../auth/scope.ts";
import type { Caller } from "../auth/service.ts";
import type { Pool } from "../db/pool.ts";
import { many, one } from "../db/query.ts";
import { AppError } from "../errors.ts";
import { text } from "../http/schemas.ts";
import {
  insertQuestion,
  insertRole,
  type JobRoleRow,
  listRoles,
  QUESTION_COLUMNS,
  type QuestionRow,
  questionsOfRole,
  ROLE_COLUMNS,
  roleById,
  updateRow,
} from "./catalog-queries.ts";

// The document's checks, as input schemas: what the admin API accepts for roles and questions.
const skill = text({ max: 60 });
export const roleInput = z.strictObject({
  title: text({ max: 100 }),
  category: text({ max: 50 }),
  description: text({ max: 2000, multiline: true }).nullable().optional(),
  required_skills: z.array(skill).min(1).max(40),
  experience_levels: z
    .array(z.enum(["entry", "mid", "senior", "executive"]))
    .min(1)
    .max(4)
    .optional(),
  industry: text({ max: 50 }).nullable().optional(),
  average_salary_range: text({ max: 50 }).nullable().optional(),
  is_active: z.boolean().optional(),
});
export const rolePatch = roleInput.partial();

const criteria = z.strictObject({
  strong: text({ max: 1000, multiline: true }),
  adequate: text({ max: 1000, multiline: true }),
  weak: text({ max: 1000, multiline: true }),
  key_points: z
    .array(text({ max: 300 }))
    .min(1)
    .max(10),
});
export const questionInput = z.strictObject({
  question_text: text({ max: 1000, multiline: true }),
  question_type: z.enum(["technical", "behavioral", "situational", "general"]),
  difficulty_level: z.enum(["easy", "medium", "hard"]),
  expected_answer_keywords: z
    .array(text({ max: 80 }))
    .max(20)
    .optional(),
  sample_answer: text({ max: 5000, multiline: true }).nullable().optional(),
  evaluation_criteria: criteria.nullable().optional(),
  time_limit_seconds: z.number().int().min(30).max(900).optional(),
  is_active: z.boolean().optional(),
});
export const questionPatch = questionInput.partial();

const ROLE_FIELDS = [
  "title",
  "category",
  "description",
  "required_skills",
  "experience_levels",
  "industry",
  "average_salary_range",
  "is_active",
] as const;
const QUESTION_FIELDS = [
  "question_text",
  "question_type",
  "difficulty_level",
  "expected_answer_keywords",
  "sample_answer",
  "evaluation_criteria",
  "time_limit_seconds",
  "is_active",
] as const;

/** The catalog of job roles and their questions: read by anyone, curated by admins, all under RLS. */
export class Catalog {
  constructor(private readonly pool: Pool) {}

  roles(caller: Caller | undefined): Promise<JobRoleRow[]> {
    return asCaller(this.pool, caller, (tx) => many(tx, listRoles));
  }

  async role(
    caller: Caller | undefined,
    id: string,
    filter: { type?: string | undefined; difficulty?: string | undefined } = {},
  ) {
    return asCaller(this.pool, caller, async (tx) => {
      const role = await one(tx, roleById, [id]);
      if (!role) throw new AppError("not_found", "There is no such job role.");
      const questions = await many(tx, questionsOfRole, [id, filter.type ?? null, filter.difficulty ?? null]);
      return { ...role, questions };
    });
  }

  async createRole(caller: Caller, input: z.infer<typeof roleInput>): Promise<JobRoleRow> {
    const row = await asCaller(this.pool, caller, (tx) =>
      one(tx, insertRole, [
        input.title,
        input.category,
        input.description ?? null,
        input.required_skills,
        input.experience_levels ?? null,
        input.industry ?? null,
        input.average_salary_range ?? null,
        input.is_active ?? null,
      ]),
    );
    if (!row) throw new AppError("forbidden", "Only admins can change the catalog.");
    return row;
  }

  async updateRole(caller: Caller, id: string, patch: z.infer<typeof rolePatch>): Promise<JobRoleRow> {
    const columns = ROLE_FIELDS.filter((f) => patch[f] !== undefined);
    if (columns.length === 0) return (await this.role(caller, id)) as JobRoleRow;
    const row = await asCaller(this.pool, caller, (tx) =>
      one(tx, updateRow<JobRoleRow>("job_roles", columns, ROLE_COLUMNS), [
        id,
        ...columns.map((c) => patch[c] ?? null),
      ]),
    );
    if (!row) throw new AppError("not_found", "There is no such job role, or you may not change it.");
    return row;
  }

  async createQuestion(
    caller: Caller,
    roleId: string,
    input: z.infer<typeof questionInput>,
  ): Promise<QuestionRow> {
    const row = await asCaller(this.pool, caller, async (tx) => {
      if (!(await one(tx, roleById, [roleId]))) throw new AppError("not_found", "There is no such job role.");
      return one(tx, insertQuestion, [
        roleId,
        input.question_text,
        input.question_type,
        input.difficulty_level,
        input.expected_answer_keywords ?? [],
        input.sample_answer ?? null,
        input.evaluation_criteria ?? null,
        input.time_limit_seconds ?? null,
        input.is_active ?? null,
      ]);
    });
    if (!row) throw new AppError("forbidden", "Only admins can change the catalog.");
    return row;
  }

  async updateQuestion(
    caller: Caller,
    id: string,
    patch: z.infer<typeof questionPatch>,
  ): Promise<QuestionRow> {
    const columns = QUESTION_FIELDS.filter((f) => patch[f] !== undefined);
    if (columns.length === 0) throw new AppError("validation_failed", "Send at least one field to change.");
    const row = await asCaller(this.pool, caller, (tx) =>
      one(tx, updateRow<QuestionRow>("interview_questions", columns, QUESTION_COLUMNS), [
        id,
        ...columns.map((c) => patch[c] ?? null),
      ]),
    );
    if (!row) throw new AppError("not_found", "There is no such question, or you may not change it.");
    return row;
  }
}
