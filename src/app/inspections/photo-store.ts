// Inspection photos: the upload is decoded by sharp (so a renamed non-image is refused by its
// content, not its name), turned upright, scaled down to a size a phone shows well, re-encoded as
// JPEG without any metadata (no GPS position, no camera serial) and written under the upload folder.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { DomainError } from "../../domain/errors";
import { maxPhotoBytes, photoFormats } from "../../domain/inspection";

export interface StoredPhoto {
  storageKey: string;
  bytes: number;
  width: number;
  height: number;
}

const longestSide = 1600;

/** The header says image but the picture cannot be decoded (cut off in transfer, corrupt). */
const damaged = (field: "photo" | "logo") =>
  new DomainError("unsupported-media-type", "This image is damaged or incomplete and cannot be read.", [
    { field, message: "The file could not be read as an image. Save or export it again, then upload it." },
  ]);

/**
 * The image format read from the bytes themselves, or undefined for anything sharp cannot read
 * (it throws at once, not in the promise, for an empty file).
 */
async function formatOf(upload: Buffer): Promise<string | undefined> {
  try {
    return (await sharp(upload).metadata()).format;
  } catch {
    return undefined;
  }
}

export class PhotoStore {
  constructor(readonly root: string) {}

  async store(organisationId: string, upload: Buffer): Promise<StoredPhoto> {
    if (upload.length > maxPhotoBytes) throw tooLarge();
    const format = await formatOf(upload);
    if (!format || !(photoFormats as readonly string[]).includes(format)) {
      throw new DomainError(
        "unsupported-media-type",
        "This file is not a photo. Upload a JPEG, PNG, WebP or HEIC image.",
        [{ field: "photo", message: "Choose a JPEG, PNG, WebP or HEIC image." }],
      );
    }
    // sharp writes no metadata unless asked to: EXIF (with GPS), XMP and ICC comments are dropped.
    const { data, info } = await sharp(upload, { failOn: "error" })
      .rotate()
      .resize({ width: longestSide, height: longestSide, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
      .catch(() => {
        throw damaged("photo");
      });
    const storageKey = path.posix.join(organisationId, `${randomUUID()}.jpg`);
    const file = this.pathOf(storageKey);
    await mkdir(path.dirname(file), { recursive: true });
    // Written under a temporary name first, so a crash never leaves half a photo under the real one.
    await writeFile(`${file}.part`, data);
    await rename(`${file}.part`, file);
    return { storageKey, bytes: data.length, width: info.width, height: info.height };
  }

  /** A logo: checked like a photo, fitted into 480 × 160, kept as PNG (transparency survives). */
  async storeLogo(organisationId: string, upload: Buffer): Promise<StoredPhoto> {
    if (upload.length > maxPhotoBytes) throw tooLarge();
    const format = await formatOf(upload);
    if (!format || !["jpeg", "png", "webp", "svg"].includes(format)) {
      throw new DomainError(
        "unsupported-media-type",
        "This file is not an image. Upload a PNG, JPEG, WebP or SVG logo.",
        [{ field: "logo", message: "Choose a PNG, JPEG, WebP or SVG image." }],
      );
    }
    const { data, info } = await sharp(upload, { failOn: "error" })
      .resize({ width: 480, height: 160, fit: "inside", withoutEnlargement: true })
      .png()
      .toBuffer({ resolveWithObject: true })
      .catch(() => {
        throw damaged("logo");
      });
    const storageKey = path.posix.join(organisationId, `logo-${randomUUID()}.png`);
    const file = this.pathOf(storageKey);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.part`, data);
    await rename(`${file}.part`, file);
    return { storageKey, bytes: data.length, width: info.width, height: info.height };
  }

  read(storageKey: string): Promise<Buffer> {
    return readFile(this.pathOf(storageKey));
  }

  private pathOf(storageKey: string) {
    const file = path.resolve(this.root, storageKey);
    // Keys are ours, but a path outside the folder must never be read or written.
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error("photo path outside the store");
    return file;
  }
}

export const tooLarge = () =>
  new DomainError("payload-too-large", `A photo may be at most ${maxPhotoBytes / 1024 / 1024} MB.`, [
    { field: "photo", message: `At most ${maxPhotoBytes / 1024 / 1024} MB.` },
  ]);
