/**
 * The demo village's pictures, drawn once per process with pureimage (real
 * PNG files, so a client's checks and caches see what a real server sends):
 * a logo, three gallery photos and an article image.
 */
import { PassThrough } from 'node:stream';
import * as PImage from 'pureimage';

export const PICTURES = {
  logo: '/desa/logo/logo-desa.png',
  gallery: [
    { nama: 'Kantor Desa Sukamaju', path: '/desa/upload/galeri/kecil_kantor-desa.png', sky: '#8ecae6', ground: '#3a7d44', wall: '#f1e3c6', roof: '#b5432f' },
    { nama: 'Balai Dusun I', path: '/desa/upload/galeri/kecil_balai-dusun.png', sky: '#ffd6a5', ground: '#588157', wall: '#e9edc9', roof: '#6d4c41' },
    { nama: 'Posyandu Melati', path: '/desa/upload/galeri/kecil_posyandu.png', sky: '#bde0fe', ground: '#6a994e', wall: '#ffffff', roof: '#2a9d8f' },
  ],
  article: (id: number) => `/desa/upload/artikel/sedang_${id}.png`,
};

type Scene = { sky: string; ground: string; wall: string; roof: string };
const cache = new Map<string, Promise<Buffer>>();

/** The PNG at this path, or null when the demo village has no picture there. */
export function pictureAt(path: string): Promise<Buffer> | null {
  const scene = sceneFor(path);
  if (!scene) return null;
  let png = cache.get(path);
  if (!png) {
    png = scene === 'logo' ? encode(drawLogo()) : encode(drawScene(scene));
    cache.set(path, png);
  }
  return png;
}

function sceneFor(path: string): Scene | 'logo' | null {
  if (path === PICTURES.logo) return 'logo';
  const photo = PICTURES.gallery.find((p) => p.path === path);
  if (photo) return photo;
  const article = /^\/desa\/upload\/artikel\/sedang_(\d+)\.png$/.exec(path);
  if (article) return { sky: '#cdeac0', ground: '#80b918', wall: '#fefae0', roof: '#bc6c25' };
  return null;
}

function drawLogo(): PImage.Bitmap {
  const image = PImage.make(256, 256);
  const ctx = image.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 256, 256);
  ctx.fillStyle = '#0b5d3b';
  ctx.beginPath();
  ctx.arc(128, 128, 120, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#f4d35e';
  ctx.beginPath();
  ctx.arc(128, 128, 70, 0, Math.PI * 2);
  ctx.fill();
  return image;
}

function drawScene(scene: Scene): PImage.Bitmap {
  const [w, h] = [480, 300];
  const image = PImage.make(w, h);
  const ctx = image.getContext('2d');
  ctx.fillStyle = scene.sky;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = scene.ground;
  ctx.fillRect(0, 210, w, 90);
  ctx.fillStyle = scene.wall;
  ctx.fillRect(140, 130, 200, 100);
  ctx.fillStyle = scene.roof;
  ctx.beginPath();
  ctx.moveTo(120, 132);
  ctx.lineTo(240, 60);
  ctx.lineTo(360, 132);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#5c4033';
  ctx.fillRect(225, 170, 30, 60);
  return image;
}

async function encode(image: PImage.Bitmap): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await PImage.encodePNGToStream(image, out);
  return Buffer.concat(chunks);
}
