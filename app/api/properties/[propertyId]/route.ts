import { withViewer } from "@/lib/auth/guard";
import { getVisibleProperty } from "@/lib/inbox/properties";

export const GET = withViewer<{ propertyId: string }>({}, async ({ viewer, params }) => ({
  property: await getVisibleProperty(viewer, params.propertyId),
}));
