import { useEffect } from 'react';

/** Sets the browser tab's title to the page's heading. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Samverkan`;
  }, [title]);
}
