import { describe, expect, it } from 'vitest';

// test/setup.ts keeps each element's computed style until the document changes; a change made
// just before the next read must show in it, whatever the kind of change.
describe('computed styles in the component tests', () => {
  it('follow an attribute, an inline style, a move and a removal at once', () => {
    const outer = document.createElement('div');
    const inner = document.createElement('button');
    outer.append(inner);
    document.body.append(outer);
    expect(getComputedStyle(inner).display).toBe('inline-block');
    expect(getComputedStyle(inner).visibility).toBe('visible');

    inner.hidden = true;
    expect(getComputedStyle(inner).display).toBe('none');
    inner.hidden = false;
    expect(getComputedStyle(inner).display).toBe('inline-block');

    outer.style.visibility = 'hidden';
    expect(getComputedStyle(inner).visibility).toBe('hidden');
    outer.style.removeProperty('visibility');
    expect(getComputedStyle(inner).visibility).toBe('visible');

    const hiddenParent = document.createElement('div');
    hiddenParent.style.visibility = 'hidden';
    document.body.append(hiddenParent);
    hiddenParent.append(inner);
    expect(getComputedStyle(inner).visibility).toBe('hidden');

    const style = document.createElement('style');
    style.textContent = 'button { display: block }';
    document.head.append(style);
    expect(getComputedStyle(inner).display).toBe('block');
    style.remove();
    expect(getComputedStyle(inner).display).toBe('inline-block');
    outer.remove();
    hiddenParent.remove();
  });

  it('are the same object between changes, and a new one after', () => {
    const element = document.createElement('p');
    document.body.append(element);
    const first = getComputedStyle(element);
    expect(getComputedStyle(element)).toBe(first);
    element.setAttribute('title', 'changed');
    expect(getComputedStyle(element)).not.toBe(first);
    element.remove();
  });
});
