/** Where a job's profiles live in the ProfileStore. One place, used by the job and the API. */
export const profileKeys = {
  light: (jobId: string) => `jobs/${jobId}/light.json`,
  heavy: (jobId: string) => `jobs/${jobId}/heavy.json`,
  cdd: (datasetId: string) => `cdd/${datasetId}.json`,
  /** The profile route's answer, when it is too large to send inline (see LargeAnswers). */
  answer: (jobId: string) => `jobs/${jobId}/profile-answer.json`,
};
