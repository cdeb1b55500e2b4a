import type { FastifyInstance } from "fastify";
import type { Session } from "./client";

/** POSTs one file as multipart/form-data (field "photo"), as a browser's file input sends it. */
export function uploadPhoto(
  app: FastifyInstance,
  session: Session,
  itemId: string,
  file: Buffer,
  filename = "photo.jpg",
  type = "image/jpeg",
) {
  const boundary = "----pitlane-test-boundary";
  return app.inject({
    method: "POST",
    url: `/api/v1/inspection-items/${itemId}/photos`,
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}
