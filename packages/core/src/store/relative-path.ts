/**
 * True for a FileEntry path that stays inside its root: relative, `/`-separated, no empty, `.` or `..`
 * segments. Stores check the paths they read back before writing files, because a cache directory or a
 * registry may come from elsewhere (a CI cache restored from another branch) and must not write outside
 * the directory it is restored to.
 */
export function isInsideRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
