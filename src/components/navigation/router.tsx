/**
 * A small history router: the current path, links that navigate without a reload, and a
 * navigate function. The route table itself lives in app/ (the only place features are
 * composed). Why not a routing library: the app has a dozen flat routes and this keeps
 * first-load JavaScript inside the 160 kB budget (PRODUCT.md section 10).
 */
import { createContext, startTransition, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';

export interface Location {
  pathname: string;
  search: string;
  hash: string;
}

export interface NavigateOptions {
  replace?: boolean;
  /** Form path to focus after navigating (check-answers "Change" links). */
  focus?: string;
}

interface RouterValue {
  location: Location;
  navigate: (to: string, options?: NavigateOptions) => void;
  /** Called before every navigation; return false to stay (used to flush saves). */
  setBeforeNavigate: (guard: (() => void) | undefined) => void;
}

const readLocation = (): Location => ({ pathname: window.location.pathname, search: window.location.search, hash: window.location.hash });

const RouterContext = createContext<RouterValue | undefined>(undefined);

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(readLocation);
  const [guard, setGuard] = useState<(() => void) | undefined>(undefined);
  // A new page opens at its top, once it is on screen: not the old page scrolled while it stays.
  const scrollToTop = useRef(false);
  useLayoutEffect(() => {
    if (!scrollToTop.current) return;
    scrollToTop.current = false;
    window.scrollTo(0, 0);
  }, [location]);

  useEffect(() => {
    const onPopState = () => {
      guard?.();
      startTransition(() => setLocation(readLocation()));
    };
    window.addEventListener('popstate', onPopState);
    return () => {
      window.removeEventListener('popstate', onPopState);
    };
  }, [guard]);

  const navigate = useCallback(
    (to: string, options: NavigateOptions = {}) => {
      guard?.();
      const state = options.focus ? { focus: options.focus } : null;
      if (options.replace) window.history.replaceState(state, '', to);
      else window.history.pushState(state, '', to);
      // As a transition: React renders the new page in slices that yield to the browser, and
      // the page stays usable until it is ready (PRODUCT.md section 10, total blocking time).
      scrollToTop.current = true;
      startTransition(() => setLocation(readLocation()));
    },
    [guard],
  );

  const setBeforeNavigate = useCallback((next: (() => void) | undefined) => {
    setGuard(() => next);
  }, []);

  const value = useMemo(() => ({ location, navigate, setBeforeNavigate }), [location, navigate, setBeforeNavigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('RouterProvider is missing');
  return value;
}

export const useLocation = (): Location => useRouter().location;
export const useNavigate = (): RouterValue['navigate'] => useRouter().navigate;
export const useBeforeNavigate = (): RouterValue['setBeforeNavigate'] => useRouter().setBeforeNavigate;

/** The form path a "Change" link asked to focus on arrival, if any. */
export function navigationFocusTarget(): string | undefined {
  const state: unknown = window.history.state;
  if (state && typeof state === 'object' && 'focus' in state && typeof state.focus === 'string') return state.focus;
  return undefined;
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  focus?: string;
  children: ReactNode;
}

/** An anchor that navigates in-app on a plain click and behaves as a normal link otherwise. */
export function Link({ to, focus, children, onClick, ...rest }: LinkProps) {
  const navigate = useNavigate();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to, focus ? { focus } : {});
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
