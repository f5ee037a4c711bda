/** Name of the Y.Text every client edits: `doc.getText(SHARED_TEXT)`. */
export const SHARED_TEXT = 'content';
