/** Loading and failure notices, shared so every request looks the same. */
export function Loading({ label }: { label: string }) {
  return (
    <p className="notice notice-loading" role="status">
      {label}
    </p>
  );
}

export function ErrorNotice({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}</strong> <span>{message}</span>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
