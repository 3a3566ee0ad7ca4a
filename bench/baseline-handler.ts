/** The smallest Lambda handler: what every function's bundle size and cold start are compared with. */
export const handler = async (): Promise<{ statusCode: number; body: string }> => {
  await Promise.resolve();
  return { statusCode: 200, body: 'ok' };
};
