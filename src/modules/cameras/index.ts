import { CameraFollowUpResolver, CameraResolver, CommitmentCamerasResolver } from './camera.resolver';
import { FootageRequestEventResolver, FootageRequestResolver } from './footage-request.resolver';

/** GraphQL resolvers of the cameras module. */
export const RESOLVERS: Function[] = [
  CameraResolver,
  CameraFollowUpResolver,
  CommitmentCamerasResolver,
  FootageRequestResolver,
  FootageRequestEventResolver,
];
