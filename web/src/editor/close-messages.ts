import { DOCUMENT_TEXT_LIMIT_BYTES, UPDATE_LIMIT_BYTES } from '@codesync/protocol';
import { formatBytes } from './edit-limits';

// What a person reads when the sync service refuses this client's content. The edits
// stay in this browser (IndexedDB) either way; reconnecting would only send them again.

const kept = 'Syncing has stopped; your changes are kept on this device.';

/** 4413: the close reason says which limit; an update's is named "update" by the sync service. */
export function tooLargeMessage(reason: string): string {
  if (/update|message|edit/i.test(reason)) {
    return `Your last change was too large to send (at most ${formatBytes(UPDATE_LIMIT_BYTES)} at once). ${kept}`;
  }
  return `This document is too large (a document can hold ${formatBytes(DOCUMENT_TEXT_LIMIT_BYTES)} of text). ${kept} Remove some text, then try again.`;
}

export const REFUSED_MESSAGE = `The server refused a change from this browser. ${kept}`;

export const RATE_LIMITED_MESSAGE = 'Too many connections or messages at once: trying again shortly.';
