import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlameToggle } from './blame-toggle';
import { EditorNotice } from './editor-notice';
import { EditRefusal } from './edit-refusal';

afterEach(cleanup);

describe('EditorNotice after a refusal', () => {
  it('says why syncing stopped and offers to try again', () => {
    const onRetry = vi.fn();
    render(<EditorNotice status="too-large" loadError={null} detail="This document is too large." onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain('This document is too large.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});

describe('EditRefusal', () => {
  it('is an alert with the reason and a way to dismiss it', () => {
    const onDismiss = vi.fn();
    render(<EditRefusal message="Nothing was changed." onDismiss={onDismiss} />);
    expect(screen.getByRole('alert').textContent).toContain('Nothing was changed.');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });
});

describe('BlameToggle', () => {
  it('is a labelled toggle button', () => {
    const onToggle = vi.fn();
    const { rerender } = render(<BlameToggle pressed={false} onToggle={onToggle} />);
    const button = screen.getByRole('button', { name: 'Blame', pressed: false });
    fireEvent.click(button);
    expect(onToggle).toHaveBeenCalledTimes(1);
    rerender(<BlameToggle pressed onToggle={onToggle} />);
    expect(screen.getByRole('button', { name: 'Blame', pressed: true })).toBeTruthy();
  });
});
