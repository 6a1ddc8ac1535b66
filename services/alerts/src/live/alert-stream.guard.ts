import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AccessAudit, type AuthenticatedRequest } from '@siaga/auth';
import { AlertAccess, type AlertListScope } from '@alerts/access/alert-access';

export interface StreamRequest extends AuthenticatedRequest {
  alertScope?: AlertListScope;
}

/**
 * Authorises the live feed before the stream starts: once Nest has sent the text/event-stream headers, a refusal
 * could only arrive as an `error` event on a 200. Runs after the global AuthGuard (request.actor is set).
 */
@Injectable()
export class AlertStreamGuard implements CanActivate {
  constructor(
    private readonly access: AlertAccess,
    private readonly audit: AccessAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StreamRequest>();
    if (!request.actor) return false;
    request.alertScope = await this.access.listScope(request.actor, 'alert.stream');
    await this.audit.record({ actor: request.actor, action: 'alert.stream.open', outcome: 'allowed' });
    return true;
  }
}
