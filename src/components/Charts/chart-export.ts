/**
 * Chart export: the recharts SVG serialised as it is drawn (with a white background
 * and its fonts inlined as attributes), and a PNG made by drawing that SVG on a canvas.
 * Also the plain downloads of the results (text, a zip of files).
 */
import { zipSync } from 'fflate';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The chart's SVG text, or null before it draws: the largest recharts surface inside
 * `root`, or, for charts of several panels (an element marked data-export="panels"), every
 * surface at its place with its panel's title (data-export-title), as one picture.
 */
export function chartSvg(root: HTMLElement): { text: string; width: number; height: number } | null {
  const panels = root.querySelector<HTMLElement>('[data-export="panels"]');
  if (panels) return panelsSvg(panels);
  const surfaces = Array.from(root.querySelectorAll<SVGSVGElement>('svg.recharts-surface'));
  const svg = surfaces.sort((a, b) => b.clientWidth * b.clientHeight - a.clientWidth * a.clientHeight)[0];
  if (!svg) return null;
  const width = svg.clientWidth || Number(svg.getAttribute('width')) || 600;
  const height = svg.clientHeight || Number(svg.getAttribute('height')) || 300;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('font-family', getComputedStyle(svg).fontFamily || 'sans-serif');
  copy.setAttribute('font-size', '12');
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  copy.insertBefore(bg, copy.firstChild);
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function panelsSvg(container: HTMLElement): { text: string; width: number; height: number } | null {
  const surfaces = Array.from(container.querySelectorAll<SVGSVGElement>('svg.recharts-surface'));
  if (surfaces.length === 0) return null;
  const box = container.getBoundingClientRect();
  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(Math.round(box.width)));
  out.setAttribute('height', String(Math.round(box.height)));
  out.setAttribute('font-family', getComputedStyle(container).fontFamily || 'sans-serif');
  out.setAttribute('font-size', '12');
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  out.appendChild(bg);
  for (const title of Array.from(container.querySelectorAll<HTMLElement>('[data-export-title]'))) {
    const r = title.getBoundingClientRect();
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(Math.round(r.left - box.left)));
    t.setAttribute('y', String(Math.round(r.top - box.top + r.height * 0.8)));
    t.setAttribute('font-weight', '600');
    t.textContent = title.textContent;
    out.appendChild(t);
  }
  for (const s of surfaces) {
    const r = s.getBoundingClientRect();
    const copy = s.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('x', String(Math.round(r.left - box.left)));
    copy.setAttribute('y', String(Math.round(r.top - box.top)));
    copy.setAttribute('width', String(Math.round(r.width)));
    copy.setAttribute('height', String(Math.round(r.height)));
    out.appendChild(copy);
  }
  return { text: new XMLSerializer().serializeToString(out), width: Math.round(box.width), height: Math.round(box.height) };
}

export function exportSvg(root: HTMLElement, name: string): boolean {
  const svg = chartSvg(root);
  if (!svg) return false;
  download(new Blob([svg.text], { type: 'image/svg+xml' }), `${name}.svg`);
  return true;
}

/** Renders the SVG at 2× on a canvas and downloads it as PNG. */
export async function svgToPngBlob(svg: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * scale);
    canvas.height = Math.round(svg.height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, svg.width, svg.height);
    return await new Promise<Blob>((res, rej) => canvas.toBlob((b) => (b ? res(b) : rej(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportPng(root: HTMLElement, name: string): Promise<boolean> {
  const svg = chartSvg(root);
  if (!svg) return false;
  download(await svgToPngBlob(svg), `${name}.png`);
  return true;
}

export function exportText(text: string, name: string, type: string): void {
  download(new Blob([text], { type }), name);
}

/** Files as one .zip (fflate, stored without compression: margins barely compress). */
export function exportZip(files: { path: string; bytes: Uint8Array }[], name: string): void {
  const zipped = zipSync(Object.fromEntries(files.map((f) => [f.path, [f.bytes, { level: 0 }]])));
  download(new Blob([zipped as BlobPart], { type: 'application/zip' }), name);
}
