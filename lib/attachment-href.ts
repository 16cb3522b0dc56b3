// Where an attachment is served from: a file in the app's store (location "files/<name>") is served by
// /files/<name>; an absolute URL is linked as it is.
export function attachmentHref(location: string): string | null {
  if (/^files\/[A-Za-z0-9._-]+$/.test(location)) return `/${location}`;
  if (/^https?:\/\//.test(location)) return location;
  return null;
}
