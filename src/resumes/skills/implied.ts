/**
 * Skills that a more specific one shows: someone who lists PostgreSQL writes SQL, someone who lists GitHub
 * uses Git. Role matching counts the broader skill as present, so a resume is not told to add "SQL" next to
 * three databases. Canonical taxonomy names on both sides; only implications a recruiter would accept.
 */
export const IMPLIED_SKILLS: Readonly<Record<string, readonly string[]>> = {
  PostgreSQL: ["SQL"],
  MySQL: ["SQL"],
  MariaDB: ["SQL"],
  SQLite: ["SQL"],
  "Microsoft SQL Server": ["SQL"],
  "Oracle Database": ["SQL"],
  "Google BigQuery": ["SQL"],
  "Amazon Redshift": ["SQL"],
  Snowflake: ["SQL"],
  GitHub: ["Git"],
  GitLab: ["Git"],
  "GitHub Actions": ["Git"],
  Bitbucket: ["Git"],
  TypeScript: ["JavaScript"],
  "Next.js": ["React", "JavaScript"],
  "React Native": ["React", "JavaScript"],
  "Express.js": ["Node.js"],
  NestJS: ["Node.js"],
  "Nuxt.js": ["Vue.js"],
  Django: ["Python"],
  Flask: ["Python"],
  FastAPI: ["Python"],
  Pandas: ["Python"],
  "Spring Boot": ["Java"],
  "scikit-learn": ["Machine Learning"],
  TensorFlow: ["Machine Learning"],
  PyTorch: ["Machine Learning"],
  Keras: ["Machine Learning"],
  XGBoost: ["Machine Learning"],
  "Google Analytics": ["Analytics"],
  "Google Ads": ["SEM"],
};

/** The skills with everything they imply added. */
export function withImplied(skills: Iterable<string>): Set<string> {
  const out = new Set(skills);
  for (const skill of [...out]) for (const implied of IMPLIED_SKILLS[skill] ?? []) out.add(implied);
  return out;
}
