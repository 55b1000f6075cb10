import type { ReactNode } from 'react';
import { AlertIcon, CheckIcon } from './icons.tsx';

type BannerProps = { tone: 'error' | 'success' | 'info'; title: string; detail?: string | null | undefined; children?: ReactNode };

/** Errors are announced at once (role=alert); confirmations politely (role=status). */
export function Banner({ tone, title, detail, children }: BannerProps) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="banner__icon">{tone === 'error' ? <AlertIcon /> : <CheckIcon />}</span>
      <div className="banner__body">
        <p className="banner__title">{title}</p>
        {detail ? <p className="banner__detail">{detail}</p> : null}
        {children}
      </div>
    </div>
  );
}
