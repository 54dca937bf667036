// file:// URIs <-> absolute paths with `/`, without pulling in a URI library for two functions.
export const URI = {
  toPath(uri: string): string | undefined {
    if (!uri.startsWith('file://')) return undefined;
    let p = decodeURIComponent(uri.slice('file://'.length));
    // file:///c%3A/x -> c:/x on Windows-style URIs.
    if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1);
    return p;
  },
  fromPath(path: string): string {
    const p = path.startsWith('/') ? path : `/${path}`;
    return `file://${p.split('/').map((s) => encodeURIComponent(s).replace(/%3A/g, ':')).join('/')}`;
  },
};
