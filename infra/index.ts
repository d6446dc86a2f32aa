// The AWS resources of the service. The foundation runs on the embedded local stack (`npm start`);
// the AWS adapters and these declarations arrive with the AWS deployment work, so for now the app
// declares no resources.
export const declareInfrastructure = async (): Promise<Record<string, string>> => ({});
