/**
 * Expected interview scores per role and experience level, for comparing a user's scores.
 *
 * These are the project's calibrated targets for its 0–10 rubric (docs/scoring-rubric.md), not published
 * statistics: each value is the score a candidate who would pass an interview at that level typically earns
 * on that dimension. Technical roles expect more technical depth as seniority rises; product and marketing
 * roles weigh communication and confidence more heavily; executives are judged more on communication and
 * judgement than on hands-on technical detail.
 */

export type ExperienceLevel = "entry" | "mid" | "senior" | "executive";
export type Dimension = "overall" | "technical" | "communication" | "confidence";

export interface RoleBenchmark {
  role: string;
  level: ExperienceLevel;
  expected: Record<Dimension, number>;
  /** what interviewers expect at this level, 1–2 sentences */
  note: string;
}

export const ROLE_BENCHMARKS: readonly RoleBenchmark[] = [
  // Frontend Developer
  {
    role: "Frontend Developer",
    level: "entry",
    expected: { overall: 6.0, technical: 6.2, communication: 5.8, confidence: 5.6 },
    note: "Solid HTML, CSS and JavaScript fundamentals and the ability to build a small component in React or Vue; clear reasoning matters more than polish.",
  },
  {
    role: "Frontend Developer",
    level: "mid",
    expected: { overall: 7.0, technical: 7.3, communication: 6.8, confidence: 6.7 },
    note: "Builds features independently, explains state management, rendering and browser behaviour, and considers accessibility and testing without prompting.",
  },
  {
    role: "Frontend Developer",
    level: "senior",
    expected: { overall: 7.8, technical: 8.3, communication: 7.6, confidence: 7.5 },
    note: "Designs frontend architecture and performance budgets, weighs framework trade-offs, and shows how they raised the quality bar across a team.",
  },
  {
    role: "Frontend Developer",
    level: "executive",
    expected: { overall: 8.2, technical: 8.0, communication: 8.4, confidence: 8.2 },
    note: "Sets the technical direction for web platforms and teams, links engineering choices to business outcomes, and speaks credibly to non-engineers.",
  },

  // Backend Developer
  {
    role: "Backend Developer",
    level: "entry",
    expected: { overall: 6.0, technical: 6.3, communication: 5.7, confidence: 5.6 },
    note: "Writes correct server code in one language, knows basic SQL and HTTP, and can design a simple REST endpoint.",
  },
  {
    role: "Backend Developer",
    level: "mid",
    expected: { overall: 7.0, technical: 7.4, communication: 6.7, confidence: 6.7 },
    note: "Owns services end to end, models data sensibly, handles errors, security and testing, and can reason about query performance.",
  },
  {
    role: "Backend Developer",
    level: "senior",
    expected: { overall: 7.9, technical: 8.4, communication: 7.5, confidence: 7.6 },
    note: "Designs scalable, reliable systems, explains consistency, caching and failure trade-offs, and mentors others through incidents and design reviews.",
  },
  {
    role: "Backend Developer",
    level: "executive",
    expected: { overall: 8.2, technical: 8.1, communication: 8.3, confidence: 8.2 },
    note: "Shapes platform strategy and engineering organisation, balances reliability, cost and delivery speed, and communicates risk clearly to leadership.",
  },

  // Full Stack Developer
  {
    role: "Full Stack Developer",
    level: "entry",
    expected: { overall: 6.0, technical: 6.2, communication: 5.8, confidence: 5.7 },
    note: "Can build a simple feature across UI, API and database with guidance, and uses Git and basic debugging confidently.",
  },
  {
    role: "Full Stack Developer",
    level: "mid",
    expected: { overall: 7.0, technical: 7.3, communication: 6.8, confidence: 6.8 },
    note: "Delivers features across the stack independently, chooses where logic belongs, and tests and deploys their own work.",
  },
  {
    role: "Full Stack Developer",
    level: "senior",
    expected: { overall: 7.8, technical: 8.2, communication: 7.6, confidence: 7.6 },
    note: "Designs whole products' architecture from browser to database, anticipates performance and security issues, and leads technical decisions for a team.",
  },
  {
    role: "Full Stack Developer",
    level: "executive",
    expected: { overall: 8.2, technical: 8.0, communication: 8.4, confidence: 8.2 },
    note: "Leads product engineering as a whole, aligns technical roadmaps with business goals, and builds teams that ship across the stack.",
  },

  // Data Scientist
  {
    role: "Data Scientist",
    level: "entry",
    expected: { overall: 6.1, technical: 6.4, communication: 5.8, confidence: 5.6 },
    note: "Knows core statistics and common ML models, writes clean Python or R and SQL, and can explain an analysis step by step.",
  },
  {
    role: "Data Scientist",
    level: "mid",
    expected: { overall: 7.1, technical: 7.5, communication: 6.9, confidence: 6.7 },
    note: "Frames business questions as analyses or models, validates them rigorously, and explains results and their limits to non-technical partners.",
  },
  {
    role: "Data Scientist",
    level: "senior",
    expected: { overall: 7.9, technical: 8.4, communication: 7.7, confidence: 7.5 },
    note: "Designs experiments and production ML systems, handles bias, leakage and drift, and turns findings into decisions that stakeholders act on.",
  },
  {
    role: "Data Scientist",
    level: "executive",
    expected: { overall: 8.3, technical: 8.1, communication: 8.5, confidence: 8.2 },
    note: "Sets the data and ML strategy, prioritises investments by business impact, and builds a data-driven culture across the organisation.",
  },

  // Product Manager
  {
    role: "Product Manager",
    level: "entry",
    expected: { overall: 6.0, technical: 5.4, communication: 6.5, confidence: 6.2 },
    note: "Shows structured thinking about users and problems, basic comfort with metrics, and clear, organised communication.",
  },
  {
    role: "Product Manager",
    level: "mid",
    expected: { overall: 7.0, technical: 6.2, communication: 7.5, confidence: 7.2 },
    note: "Owns a product area, prioritises with evidence, defines success metrics, and aligns engineering, design and stakeholders around a plan.",
  },
  {
    role: "Product Manager",
    level: "senior",
    expected: { overall: 7.8, technical: 6.9, communication: 8.3, confidence: 8.0 },
    note: "Sets product strategy for a domain, makes hard trade-offs explicit, and influences senior stakeholders without formal authority.",
  },
  {
    role: "Product Manager",
    level: "executive",
    expected: { overall: 8.3, technical: 7.2, communication: 8.8, confidence: 8.6 },
    note: "Owns the product vision and portfolio, ties it to company strategy and revenue, and leads product leaders and the wider organisation.",
  },

  // Digital Marketing Specialist
  {
    role: "Digital Marketing Specialist",
    level: "entry",
    expected: { overall: 5.9, technical: 5.3, communication: 6.4, confidence: 6.2 },
    note: "Understands the basics of SEO, paid search and social channels, and can describe a simple campaign and how it would be measured.",
  },
  {
    role: "Digital Marketing Specialist",
    level: "mid",
    expected: { overall: 6.9, technical: 6.1, communication: 7.4, confidence: 7.1 },
    note: "Runs multi-channel campaigns independently, reads analytics to optimise spend and content, and reports results with clear recommendations.",
  },
  {
    role: "Digital Marketing Specialist",
    level: "senior",
    expected: { overall: 7.7, technical: 6.8, communication: 8.2, confidence: 7.9 },
    note: "Builds channel strategy and budgets, designs tests and attribution, and explains marketing impact in commercial terms.",
  },
  {
    role: "Digital Marketing Specialist",
    level: "executive",
    expected: { overall: 8.2, technical: 7.1, communication: 8.7, confidence: 8.5 },
    note: "Owns brand and growth strategy across channels, allocates budget against revenue targets, and leads marketing teams and agencies.",
  },
];

/** Targets for a role without its own benchmarks. */
export const DEFAULT_BENCHMARK: Record<ExperienceLevel, Record<Dimension, number>> = {
  entry: { overall: 6.0, technical: 6.0, communication: 6.0, confidence: 5.8 },
  mid: { overall: 7.0, technical: 7.0, communication: 7.0, confidence: 6.9 },
  senior: { overall: 7.8, technical: 7.8, communication: 7.8, confidence: 7.7 },
  executive: { overall: 8.2, technical: 7.8, communication: 8.5, confidence: 8.3 },
};
