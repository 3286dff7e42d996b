import { useEffect, useState } from 'react';
import type { AttractContent } from '../../shared/contract';

/** A new photo this often: long enough to look at, short enough to catch a passer-by's eye. */
const PHOTO_SECONDS = 8;

/**
 * The village's gallery photos, one at a time with its caption, from the
 * kiosk's own cache (so they show while the server is away).
 */
export function PhotoGallery(props: { photos: AttractContent['gallery']; label: string }) {
  const [shown, setShown] = useState(0);
  const count = props.photos.length;
  useEffect(() => {
    if (count < 2) return;
    const timer = setInterval(() => setShown((i) => (i + 1) % count), PHOTO_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [count]);
  if (count === 0) return null;
  const photo = props.photos[shown % count]!;
  return (
    <figure className="photo-gallery" aria-label={props.label}>
      <img src={photo.dataUrl} alt={photo.caption} />
      {photo.caption && <figcaption>{photo.caption}</figcaption>}
    </figure>
  );
}
