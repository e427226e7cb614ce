import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

// n8n-core starts an SSH clean-up interval when a node context is built; n8n stops it on shutdown.
afterAll(() => {
	Container.get(SSHClientsManager).onShutdown();
});
