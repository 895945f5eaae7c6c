/**
 * The platform's side of a download a console page asks for (getFile and the file itself), at the port's edge:
 * what was asked for, and whether the platform answers. The error it throws carries a download URL with a token in
 * it, as grammY's does, so a test can check that it stays out of the log.
 */
export function platformFiles(answer: (ref: string) => { data: Buffer; mime: string }) {
  const state = { fetched: [] as string[], reachable: true };
  const files = {
    fetch: async (platform: string, ref: string) => {
      state.fetched.push(`${platform}:${ref}`);
      if (!state.reachable) throw new Error(`GET https://api.telegram.org/file/botSECRET/${ref} failed`);
      return answer(ref);
    },
  };
  return { files, state };
}
