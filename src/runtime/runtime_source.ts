export const RUNTIME_SOURCE: string = "export const handler = async () => null;";
