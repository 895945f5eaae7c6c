import { expect } from 'vitest';
import type { Browser } from '../support/console.js';

/** A link's address as the HTML escapes it, as a browser would follow it. */
export const unescapeHref = (href: string) => href.replaceAll('&amp;', '&');

/** The page's "next" link, if it has one. */
export const nextOf = (body: string) => {
  const next = /<a rel="next" href="([^"]+)"/.exec(body);
  return next ? unescapeHref(next[1]!) : undefined;
};

/**
 * Every id on every page of a paged list, following its "next" links from `first`: each page answered, none longer
 * than `pageSize`, and the walk ending (at most `maxPages`).
 */
export async function walkPages(browser: Browser, first: string, idsOn: (body: string) => number[], pageSize: number, maxPages = 20): Promise<{ ids: number[]; bodies: string[] }> {
  const ids: number[] = [];
  const bodies: string[] = [];
  for (let url: string | undefined = first; url; url = nextOf(bodies.at(-1)!)) {
    const res = await browser.get(url);
    expect(res.statusCode).toBe(200);
    bodies.push(res.body);
    const here = idsOn(res.body);
    expect(here.length).toBeLessThanOrEqual(pageSize);
    ids.push(...here);
    expect(bodies.length).toBeLessThan(maxPages);
  }
  return { ids, bodies };
}
