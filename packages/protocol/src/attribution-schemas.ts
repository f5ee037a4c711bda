import { z } from 'zod';

const time = z.iso.datetime().nullable().meta({
  description:
    'when that text arrived (ISO), to the minute: the sync service records a time per client id at most once a minute; null when written before times were recorded',
});

/** `GET /api/documents/:id/attribution`: who wrote each line (1-based), and when, from the sync service's client-id bindings. */
export const attributionSchema = z
  .strictObject({
    lines: z.array(
      z.strictObject({
        line: z.number().int().min(1),
        authors: z.array(z.strictObject({ userId: z.string(), name: z.string(), at: time })).meta({
          description:
            'who wrote text still on the line, in order of first appearance, each with the latest time of their text on it; empty when unknown (written before authors were recorded)',
        }),
        spans: z
          .array(
            z.strictObject({
              from: z.number().int().min(0),
              to: z.number().int().min(1),
              userId: z.string().nullable().meta({ description: 'null when the author is unknown' }),
              at: time,
            }),
          )
          .meta({
            description:
              'the line text as runs of one author: 0-based UTF-16 columns, `to` exclusive, covering the text exactly (the newline not included), each with the latest time in the run',
          }),
      }),
    ),
  })
  .meta({ id: 'Attribution' });

export type AttributionDto = z.infer<typeof attributionSchema>;
