/** What every warning in the UI is: pure data, rendered by one component. */
export interface Warning {
  severity: 'info' | 'warning' | 'error';
  title: string;
  message: string;
}
