import { useEffect, useRef, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

const WIDTH_PX = 600;
const HEIGHT_PX = 200;

type SignaturePadProps = {
  id: string;
  /** Called with a PNG data URL after each stroke, or null once cleared. */
  onChange(dataUrl: string | null): void;
  describedBy?: string | undefined;
  invalid?: boolean;
};

/**
 * A signature drawn with a finger, pen or mouse (pointer events, so one code path for all). The
 * canvas keeps a fixed resolution and scales to its box; the result is a small PNG data URL, as
 * the accept endpoint expects. Keyboard users sign by typing (the other signature kind).
 */
export function SignaturePad({ id, onChange, describedBy, invalid }: SignaturePadProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const drawn = useRef(false);

  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    context.lineWidth = 3;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#1a2433';
  }, []);

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - box.left) * WIDTH_PX) / box.width, y: ((event.clientY - box.top) * HEIGHT_PX) / box.height };
  };
  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const { x, y } = point(event);
    context.beginPath();
    context.moveTo(x, y);
    context.lineTo(x + 0.1, y + 0.1);
    context.stroke();
  };
  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    const { x, y } = point(event);
    context.lineTo(x, y);
    context.stroke();
    drawn.current = true;
  };
  const end = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current = false;
    drawn.current = true;
    onChange(event.currentTarget.toDataURL('image/png'));
  };
  const clear = () => {
    const canvas = canvasRef.current;
    canvas?.getContext('2d')?.clearRect(0, 0, WIDTH_PX, HEIGHT_PX);
    drawn.current = false;
    onChange(null);
  };
  return (
    <div className="quotes-signature">
      <canvas
        id={id}
        ref={canvasRef}
        className={invalid ? 'quotes-signature__canvas quotes-signature__canvas--invalid' : 'quotes-signature__canvas'}
        width={WIDTH_PX}
        height={HEIGHT_PX}
        role="img"
        aria-label={t('quotes.accept.drawArea')}
        aria-describedby={describedBy}
        data-testid="signature-canvas"
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
      />
      <button type="button" className="button button--ghost button--small" onClick={clear}>{t('quotes.accept.clear')}</button>
    </div>
  );
}
