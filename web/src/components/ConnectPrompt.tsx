import { walletMenu } from '../hooks/walletMenu.js';
import { copy } from '../lib/copy.js';

/** What a page says before a wallet is connected: why to connect, and the button to do it. */
export function ConnectPrompt({ text, testId }: { text: string; testId: string }) {
  return (
    <div className="empty connect-prompt" data-testid={testId}>
      <p>{text}</p>
      <button type="button" className="secondary" onClick={() => walletMenu.open()}>
        {copy.button.connect}
      </button>
    </div>
  );
}
