/** «Печать»: the browser's print dialog; the page's print CSS leaves the sheet alone on an A4 page. */
export function PrintButton({ label = 'Печать' }: { label?: string }) {
  return (
    <button type="button" className="button no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
