/**
 * Keeps a rendering bug in one panel from blanking the whole lab: the panel is replaced
 * by a short note with a retry button, and the other panels (and the worker) carry on.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import styles from './PanelBoundary.module.css';

interface Props {
  name: string;
  children: ReactNode;
}

export class PanelBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`The ${this.props.name} panel failed to render`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className={styles.box} role="alert">
        <strong>The {this.props.name} panel hit a bug and was closed.</strong>
        <span className={styles.detail}>{this.state.error.message}</span>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Show it again
        </button>
      </div>
    );
  }
}
