export { GitLabArtifacts, type GitLabArtifactsOptions } from './artifacts';
export { dotenvName, dotenvSizeLimit, renderDotenv } from './dotenv';
export { type AlertIssueKept, AlertIssues, type ProjectIssuesOptions } from './issues';
export {
  GitLabNoteError,
  GitLabWriter,
  type GitLabWriterOptions,
  gitlabNoteLimit,
  MergeRequestNotes,
  type MergeRequestNotesOptions,
  MergeRequestReviewHost,
  type NoteFailureKind,
  type UpsertedNote,
} from './notes';
export { GitLabPlatform, type GitLabPlatformOptions } from './platform';
