import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { sessionClock } from './apollo';

const KeepAlive = graphql(`
  query KeepAlive {
    me {
      id
    }
  }
`);

/** SESSION_IDLE_TIMEOUT_SECONDS, as the server wrote it into the page. */
export function idleTimeoutSeconds(): number {
  const value = Number(document.querySelector('meta[name="samverkan-idle-timeout"]')?.getAttribute('content'));
  return Number.isFinite(value) && value > 0 ? value : 1800;
}

/** Warns before the session's idle timeout and lets the person stay signed in. */
export function IdleWarning() {
  const { t } = useTranslation();
  const timeout = idleTimeoutSeconds();
  const warnBefore = Math.min(120, Math.floor(timeout / 4));
  const [left, setLeft] = useState(timeout);
  const client = useApolloClient();
  const keepAlive = () => void client.query({ query: KeepAlive, fetchPolicy: 'network-only' }).catch(() => undefined);

  useEffect(() => {
    const tick = () => setLeft(Math.round(timeout - (Date.now() - sessionClock.lastRequestAt()) / 1000));
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [timeout]);

  const open = left <= warnBefore;
  const over = left <= 0;
  useEffect(() => {
    // Past the timeout the server has ended the session: this request finds that out and the
    // console returns to sign-in (see apollo.ts).
    if (over) void client.query({ query: KeepAlive, fetchPolicy: 'network-only' }).catch(() => undefined);
  }, [over, client]);

  return (
    <ModalOverlay isOpen={open && left > 0} isDismissable={false} className="modal-overlay">
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title">{t('idle.title')}</Heading>
          <p>{t('idle.body', { minutes: Math.max(1, Math.ceil(left / 60)) })}</p>
          <Button className="button primary" autoFocus onPress={keepAlive}>
            {t('idle.stay')}
          </Button>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
