import { expect } from '@playwright/test';
import { baseline, putCompute, ready, test } from './helpers';

// #29: the Overview picture's geometry, measured on the glyphs the browser
// draws (the setup installs a Japanese font): every label inside its box, with
// a little room, and no two lines crossing, in English and in Japanese.
for (const locale of ['en-US', 'ja-JP']) {
  test.describe(locale, () => {
    test.use({ locale });

    test('every label sits inside its box and no two lines cross', async ({ page, request }) => {
      await baseline(request, '10.20.0');
      for (const compute of [false, true]) {
        if (compute) {
          await putCompute(request, {
            port: 'Port3',
            node_ips: { start: '10.20.0.20', end: '10.20.0.22' },
            service_ips: { start: '10.20.0.100', end: '10.20.0.120' },
          });
        }
        await page.goto('/');
        await ready(page);
        const problems = await page.getByTestId('diagram').evaluate((figure) => {
          const svg = figure.querySelector('svg')!;
          const out: string[] = [];
          // Labels: each text of a box within the box's rectangle, 2 units in.
          for (const g of Array.from(svg.querySelectorAll('g.node'))) {
            const rect = g.querySelector('rect')!.getBBox();
            for (const t of Array.from(g.querySelectorAll('text'))) {
              const b = (t as SVGTextElement).getBBox();
              if (b.x < rect.x + 2 || b.y < rect.y + 2 || b.x + b.width > rect.x + rect.width - 2 || b.y + b.height > rect.y + rect.height - 2) {
                out.push(`"${t.textContent}" (${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}x${Math.round(b.height)}) leaves its box (${rect.x},${rect.y} ${rect.width}x${rect.height})`);
              }
            }
          }
          // Lines: each link as a polyline; two links cross when segments not
          // sharing an end intersect.
          const links = Array.from(svg.querySelectorAll('path.link')) as SVGPathElement[];
          const lines = links.map((p) => {
            const n = 40, len = p.getTotalLength(), pts: DOMPoint[] = [];
            for (let i = 0; i <= n; i++) pts.push(p.getPointAtLength((len * i) / n));
            return pts;
          });
          const cross = (a: DOMPoint, b: DOMPoint, c: DOMPoint, d: DOMPoint) => {
            const o = (p: DOMPoint, q: DOMPoint, r: DOMPoint) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
            return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
          };
          for (let i = 0; i < lines.length; i++) {
            for (let j = i + 1; j < lines.length; j++) {
              let hit = false;
              for (let s = 0; s + 1 < lines[i].length && !hit; s++)
                for (let u = 0; u + 1 < lines[j].length && !hit; u++)
                  hit = cross(lines[i][s], lines[i][s + 1], lines[j][u], lines[j][u + 1]);
              if (hit) out.push(`line ${links[i].getAttribute('d')} crosses ${links[j].getAttribute('d')}`);
            }
          }
          // No line runs through a box it does not end at.
          const boxes = Array.from(svg.querySelectorAll('g.node rect')).map((r) => (r as SVGRectElement).getBBox());
          lines.forEach((pts, i) => {
            for (const box of boxes) {
              const inside = pts.slice(2, -2).filter((p) => p.x > box.x + 1 && p.x < box.x + box.width - 1 && p.y > box.y + 1 && p.y < box.y + box.height - 1);
              if (inside.length) out.push(`line ${links[i].getAttribute('d')} runs through the box at ${box.x},${box.y}`);
            }
          });
          return out;
        });
        expect(problems, `${locale}, compute ${compute ? 'on' : 'off'}`).toEqual([]);
        if (compute) expect(await page.locator('[data-testid=diagram] path.link').count()).toBeGreaterThanOrEqual(6);
      }
    });
  });
}
