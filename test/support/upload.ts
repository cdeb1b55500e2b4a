import type { FastifyInstance } from "fastify";
import type { Session } from "./client";

/** A multipart/form-data body holding one file, as a browser's file input sends it. */
export function multipartBody(field: string, file: Buffer, filename: string, type: string) {
  const boundary = "----pitlane-test-boundary";
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

/** Sends one file as multipart/form-data in `field`, signed in as `session`. */
export function uploadFile(
  app: FastifyInstance,
  session: Session,
  request: { method: "POST" | "PUT"; url: string; field: string },
  file: Buffer,
  filename: string,
  type: string,
) {
  const { contentType, payload } = multipartBody(request.field, file, filename, type);
  return app.inject({
    method: request.method,
    url: request.url,
    headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": contentType },
    payload,
  });
}

/** POSTs one file as multipart/form-data (field "photo"), as a browser's file input sends it. */
export function uploadPhoto(
  app: FastifyInstance,
  session: Session,
  itemId: string,
  file: Buffer,
  filename = "photo.jpg",
  type = "image/jpeg",
) {
  const url = `/api/v1/inspection-items/${itemId}/photos`;
  return uploadFile(app, session, { method: "POST", url, field: "photo" }, file, filename, type);
}
