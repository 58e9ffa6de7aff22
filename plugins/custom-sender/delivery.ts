// -- delivery ----------------------------------------------------------------------------------
// Sends the rendered message through SES v2 (email), SNS (SMS) or a function the user supplies.
// The SDK clients are imported and created on first use, so triggers that send nothing never
// load them. A failure is rethrown with the code and the message text scrubbed from it: an SDK
// or a user's function may quote what it was given, and the router logs every error.

import type { SESv2Client } from '@aws-sdk/client-sesv2'
import type { SNSClient } from '@aws-sdk/client-sns'
import { errorWithoutSecrets } from '../../src/redaction/scrub.js'

interface MessageBase {
  readonly triggerSource: string
  readonly userPoolId: string
  readonly userName: string
  /** The locale of the template used, as configured (`en`, `de-AT`). */
  readonly locale: string
  /** The same for every retry of one Cognito event (Lambda retries failed async invocations). */
  readonly idempotencyKey: string
  /** The email address or E.164 phone number. */
  readonly to: string
}

/** A rendered email: `html` holds the code, so it must never be logged. */
export interface EmailMessage extends MessageBase {
  readonly channel: 'email'
  readonly subject: string
  readonly html: string
}

/** A rendered SMS: `text` holds the code, so it must never be logged. */
export interface SmsMessage extends MessageBase {
  readonly channel: 'sms'
  readonly text: string
}

export type SenderMessage = EmailMessage | SmsMessage

/** Your own transport: resolve once the message is accepted, reject to have the failure logged. */
export type DeliverFunction = (message: SenderMessage, options: { readonly signal: AbortSignal }) => unknown

/** The message could not be handed to SES, SNS or your deliver function. */
export class DeliveryError extends Error {
  readonly channel: SenderMessage['channel']
  constructor(channel: SenderMessage['channel'], cause: unknown) {
    super(`the ${channel === 'email' ? 'email' : 'SMS'} could not be delivered`, { cause })
    this.name = 'DeliveryError'
    this.channel = channel
  }
}

export interface Transport {
  readonly from?: string
  readonly configurationSetName?: string
  readonly senderId?: string
  readonly originationNumber?: string
  readonly deliver?: DeliverFunction
  readonly sesClient?: SESv2Client
  readonly snsClient?: SNSClient
}

/** Builds the sender's delivery function; clients are created on the first message of their kind. */
export const transport = ({ deliver, ...aws }: Transport) => {
  let ses: SESv2Client | undefined = aws.sesClient
  let sns: SNSClient | undefined = aws.snsClient

  const viaAws = async (message: SenderMessage, signal: AbortSignal): Promise<void> => {
    if (message.channel === 'email') {
      const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2')
      ses ??= new SESv2Client({})
      const command = new SendEmailCommand({
        FromEmailAddress: aws.from,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Html: { Data: message.html, Charset: 'UTF-8' } },
          },
        },
        ...(aws.configurationSetName === undefined ? {} : { ConfigurationSetName: aws.configurationSetName }),
      })
      await ses.send(command, { abortSignal: signal })
      return
    }
    const { SNSClient, PublishCommand } = await import('@aws-sdk/client-sns')
    sns ??= new SNSClient({})
    const attribute = (StringValue: string) => ({ DataType: 'String', StringValue })
    const command = new PublishCommand({
      PhoneNumber: message.to,
      Message: message.text,
      MessageAttributes: {
        // Transactional: codes are time-critical, and promotional traffic may be dropped or delayed.
        'AWS.SNS.SMS.SMSType': attribute('Transactional'),
        ...(aws.senderId === undefined ? {} : { 'AWS.SNS.SMS.SenderID': attribute(aws.senderId) }),
        ...(aws.originationNumber === undefined ? {} : { 'AWS.MM.SMS.OriginationNumber': attribute(aws.originationNumber) }),
      },
    })
    await sns.send(command, { abortSignal: signal })
  }

  return async (message: SenderMessage, secrets: readonly string[], signal: AbortSignal): Promise<void> => {
    try {
      if (deliver === undefined) await viaAws(message, signal)
      else await deliver(message, { signal })
    } catch (error) {
      const texts = message.channel === 'email' ? [message.subject, message.html] : [message.text]
      throw new DeliveryError(message.channel, errorWithoutSecrets(error, [...secrets, ...texts]))
    }
  }
}
