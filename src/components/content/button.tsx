/**
 * Buttons (NHS.UK button): primary, secondary, warning and reverse; and a link styled as a
 * button for navigation. Buttons never submit by accident: type defaults to "button".
 */
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link } from '../navigation/router';

type Variant = 'primary' | 'secondary' | 'warning' | 'reverse';

const variantClass = (variant: Variant): string => (variant === 'primary' ? 'nhsuk-button' : `nhsuk-button nhsuk-button--${variant}`);

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  children: ReactNode;
}

export function Button({ variant = 'primary', type = 'button', className, children, ...rest }: ButtonProps) {
  return (
    <button type={type} className={[variantClass(variant), className].filter(Boolean).join(' ')} data-module="nhsuk-button" {...rest}>
      {children}
    </button>
  );
}

export function ButtonLink({ to, variant = 'primary', children }: { to: string; variant?: Variant; children: ReactNode }) {
  return (
    <Link to={to} className={variantClass(variant)} draggable={false}>
      {children}
    </Link>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="nhsuk-button-group">{children}</div>;
}
