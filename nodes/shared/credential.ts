/** The credential both nodes use: its type name, written once. */
export const CREDENTIAL_TYPE = 'feishuHireApi';
