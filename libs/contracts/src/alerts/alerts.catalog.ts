/** The alerts service's events (topic `alert`). Owned by the alerts service; add its events here. */
export const ALERTS_EVENTS = {} as const;
