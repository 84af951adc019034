import type { Corpus } from "./corpus.ts";
import { buildProfile, type QuestionProfile } from "./profile.ts";
import { cosine, type Vector } from "./similarity.ts";

export interface TopicFit {
  /** Similarity to the question asked (question, sample, keywords and key points together). */
  asked: number;
  /** The best similarity to any other question of the bank, and which. */
  bestOther: number;
  otherQuestion: string | null;
}

const bankVectors = new WeakMap<Corpus, { question: string; vector: Vector }[]>();

function vectorsOf(corpus: Corpus): { question: string; vector: Vector }[] {
  let vectors = bankVectors.get(corpus);
  if (!vectors) {
    vectors = corpus.questions.map((q) => ({
      question: q.question,
      vector: buildProfile(
        {
          question: q.question,
          questionType: "general",
          sampleAnswer: q.sampleAnswer,
          expectedKeywords: q.keywords,
          evaluationCriteria: { key_points: q.keyPoints },
          answer: "",
        },
        corpus,
      ).referenceVector,
    }));
    bankVectors.set(corpus, vectors);
  }
  return vectors;
}

/**
 * How well the answer fits the question asked compared with the bank's other questions. A fluent answer
 * to a different question fits that question clearly better, which lexical overlap with the asked
 * question alone cannot tell from an on-topic answer in unusual words.
 */
export function topicFit(answer: Vector, profile: QuestionProfile, corpus: Corpus): TopicFit {
  const asked = cosine(answer, profile.referenceVector);
  let bestOther = 0;
  let otherQuestion: string | null = null;
  for (const { question, vector } of vectorsOf(corpus)) {
    if (question === profile.question.text) continue;
    const similarity = cosine(answer, vector);
    if (similarity > bestOther) {
      bestOther = similarity;
      otherQuestion = question;
    }
  }
  return { asked, bestOther, otherQuestion };
}
