import { z } from 'zod';

/** `GET /api/documents/:id/attribution`: who wrote each line (1-based), from the sync service's client-id bindings. */
export const attributionSchema = z
  .strictObject({
    lines: z.array(
      z.strictObject({
        line: z.number().int().min(1),
        authors: z.array(z.strictObject({ userId: z.string(), name: z.string() })).meta({
          description: 'who wrote text still on the line, in order of first appearance; empty when unknown (written before authors were recorded)',
        }),
      }),
    ),
  })
  .meta({ id: 'Attribution' });

export type AttributionDto = z.infer<typeof attributionSchema>;
