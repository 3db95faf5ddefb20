export { GitLabArtifacts, type GitLabArtifactsOptions } from './artifacts';
export { dotenvName, dotenvSizeLimit, renderDotenv } from './dotenv';
export {
  GitLabNoteError,
  gitlabNoteLimit,
  MergeRequestNotes,
  type MergeRequestNotesOptions,
  type NoteFailureKind,
  type UpsertedNote,
} from './notes';
export { GitLabPlatform, type GitLabPlatformOptions } from './platform';
