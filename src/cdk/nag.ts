// -- rule acknowledgements -----------------------------------------------------------------
// The few findings a least-privilege router cannot avoid are acknowledged on the resource, with
// the reason, so a cdk-nag run over the user's app stays clean without hiding anything else.
// cdk-nag is not a dependency: v3 reads CDK's own `Validations` acknowledgements, v2 reads the
// `cdk_nag` metadata of the CloudFormation resource, so both are written.

import * as cdk from 'aws-cdk-lib'
import type { IConstruct } from 'constructs'

export interface Acknowledgement {
  /** e.g. `'AwsSolutions-IAM5'`. */
  readonly rule: string
  /** e.g. `'Resource::*'`; omitted for rules with a single finding per resource. */
  readonly finding?: string
  readonly reason: string
}

/** Acknowledges rule findings on `construct` (and its CloudFormation resource, for cdk-nag v2). */
export const acknowledge = (construct: IConstruct, ...acknowledgements: readonly Acknowledgement[]): void => {
  // Validations arrived in aws-cdk-lib 2.2xx; older versions only have the metadata route.
  const validations = (cdk as { Validations?: typeof cdk.Validations }).Validations
  for (const { rule, finding, reason } of acknowledgements) {
    validations?.of(construct).acknowledge({ id: finding === undefined ? rule : `${rule}[${finding}]`, reason })
  }
  const resource = cdk.CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild
  if (resource !== undefined && cdk.CfnResource.isCfnResource(resource)) {
    const existing = (resource.getMetadata('cdk_nag') as { rules_to_suppress?: unknown[] } | undefined)?.rules_to_suppress ?? []
    resource.addMetadata('cdk_nag', {
      rules_to_suppress: [
        ...existing,
        ...acknowledgements.map(({ rule, finding, reason }) => ({ id: rule, reason, ...(finding === undefined ? {} : { applies_to: [finding] }) })),
      ],
    })
  }
}
