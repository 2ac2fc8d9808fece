/**
 * Illustrations for the demo stories, drawn as small SVGs from the file name,
 * so the demo shows real images without shipping binary files. Charts draw
 * bars, maps draw a river with dots, everything else a landscape.
 */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function demoMediaSvg(name: string): string | undefined {
  if (!/^[a-z0-9-]{1,40}$/.test(name)) return undefined;
  const h = hash(name);
  const hue = h % 360;
  const W = 1280;
  const H = 720;
  let shapes: string;
  if (name.startsWith('chart')) {
    const bars = [0.85, 0.45, 0.3, 0.55, 0.2].map((v, i) => {
      const bh = Math.round(v * 520);
      return `<rect x="${140 + i * 210}" y="${620 - bh}" width="150" height="${bh}" fill="hsl(${(hue + i * 40) % 360} 45% 45%)"/>`;
    });
    shapes = `<rect width="${W}" height="${H}" fill="#f4f1ea"/><line x1="100" y1="620" x2="1180" y2="620" stroke="#333" stroke-width="4"/>${bars.join('')}`;
  } else if (name.startsWith('map')) {
    const dots = Array.from({ length: 7 }, (_, i) => {
      const x = 160 + i * 150;
      const y = 360 + Math.round(Math.sin(i + (h % 7)) * 140);
      return `<circle cx="${x}" cy="${y}" r="16" fill="${i % 3 === 0 ? '#b3261e' : '#00457c'}"/>`;
    });
    shapes = `<rect width="${W}" height="${H}" fill="#e6efe0"/><path d="M0 ${300 + (h % 80)} C 300 150, 500 600, 800 350 S 1150 200, 1280 420" stroke="#5b8fc7" stroke-width="38" fill="none"/>${dots.join('')}`;
  } else {
    const sky = `hsl(${hue} 45% 78%)`;
    shapes = `<rect width="${W}" height="${H}" fill="${sky}"/><circle cx="${200 + (h % 800)}" cy="170" r="70" fill="hsl(45 90% 70%)"/>` +
      `<path d="M0 470 Q 320 ${360 + (h % 90)} 640 470 T 1280 450 V720 H0Z" fill="hsl(${(hue + 90) % 360} 30% 45%)"/>` +
      `<path d="M0 560 Q 400 ${480 + (h % 60)} 800 570 T 1280 560 V720 H0Z" fill="hsl(${(hue + 120) % 360} 30% 32%)"/>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">${shapes}</svg>`;
}
