// A small CloudFormation evaluator for template tests: parses the short-form tags with `yaml`,
// then resolves parameters, conditions and the intrinsics the template uses, the way
// CloudFormation would for one set of parameter values. References to a resource whose
// condition is false throw, as CloudFormation rejects them, and so does a rule whose assertion
// fails (its AssertDescription is the message).

import { readFileSync } from 'node:fs'
import { parse, type ScalarTag, type CollectionTag, YAMLSeq } from 'yaml'

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

const scalar = (tag: string, build: (value: string) => Json): ScalarTag => ({ tag, resolve: (value: string) => build(value) as never })
const sequence = (tag: string, key: string): CollectionTag => ({
  tag,
  collection: 'seq',
  nodeClass: YAMLSeq,
  resolve: (value) => ({ [key]: (value as YAMLSeq).toJSON() }) as never,
})

const FUNCTIONS = ['If', 'Equals', 'Not', 'Or', 'And', 'Join', 'Split', 'Select', 'Sub', 'FindInMap', 'GetAtt']

/** `yaml` custom tags for CloudFormation's short forms (`!Ref`, `!Sub`, `!GetAtt`, `!If`, …). */
export const CFN_TAGS = [
  scalar('!Ref', (value) => ({ Ref: value })),
  scalar('!Condition', (value) => ({ Condition: value })),
  scalar('!Sub', (value) => ({ 'Fn::Sub': value })),
  scalar('!GetAtt', (value) => ({ 'Fn::GetAtt': value.split('.') })),
  ...FUNCTIONS.map((name) => sequence(`!${name}`, `Fn::${name}`)),
]

export interface Template {
  Transform?: string
  Parameters: Record<string, { Default?: string | number; AllowedValues?: (string | number)[]; AllowedPattern?: string }>
  Conditions: Record<string, Json>
  Rules?: Record<string, { RuleCondition?: Json; Assertions: { Assert: Json; AssertDescription?: string }[] }>
  Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, Json>; Metadata?: Json }>
  Outputs: Record<string, { Condition?: string; Value: Json; Description?: string }>
}

export const readTemplate = (path: string): Template => parse(readFileSync(path, 'utf8'), { customTags: CFN_TAGS }) as Template

export const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::AccountId': '123456789012',
  'AWS::Region': 'eu-west-1',
  'AWS::Partition': 'aws',
  'AWS::StackName': 'router',
}

const NO_VALUE = Symbol('AWS::NoValue')

/** The template as deployed with `parameters`: conditions decided, intrinsics resolved. */
export interface Deployed {
  readonly conditions: Readonly<Record<string, boolean>>
  readonly resources: Readonly<Record<string, { Type: string; Properties: Record<string, unknown> }>>
  readonly outputs: Readonly<Record<string, unknown>>
}

/** References to resources come out as `ref(Id)` and `getatt(Id.Attr)`, to compare against. */
export const ref = (id: string) => `ref(${id})`
export const getAtt = (id: string, attribute = 'Arn') => `getatt(${id}.${attribute})`

export const deploy = (template: Template, given: Record<string, string> = {}): Deployed => {
  for (const name of Object.keys(given)) if (!Object.hasOwn(template.Parameters, name)) throw new Error(`unknown parameter ${name}`)
  const parameters: Record<string, string> = {}
  for (const [name, spec] of Object.entries(template.Parameters)) {
    const value = given[name] ?? (spec.Default === undefined ? undefined : String(spec.Default))
    if (value === undefined) throw new Error(`parameter ${name} needs a value`)
    if (spec.AllowedValues && !spec.AllowedValues.map(String).includes(value)) throw new Error(`parameter ${name}: ${value} is not allowed`)
    if (spec.AllowedPattern && !new RegExp(spec.AllowedPattern).test(value)) throw new Error(`parameter ${name}: ${value} does not match`)
    parameters[name] = value
  }

  const conditions: Record<string, boolean> = {}
  const condition = (name: string): boolean => {
    if (!(name in conditions)) {
      if (!Object.hasOwn(template.Conditions, name)) throw new Error(`unknown condition ${name}`)
      conditions[name] = resolve(template.Conditions[name]!) as boolean
    }
    return conditions[name]!
  }
  const live = (id: string): boolean => {
    const resource = template.Resources[id]
    if (resource === undefined) throw new Error(`unknown resource ${id}`)
    return resource.Condition === undefined || condition(resource.Condition)
  }
  const reference = (name: string): unknown => {
    if (name === 'AWS::NoValue') return NO_VALUE
    if (Object.hasOwn(PSEUDO, name)) return PSEUDO[name]
    if (Object.hasOwn(parameters, name)) return parameters[name]
    if (!live(name)) throw new Error(`reference to ${name}, whose condition is false`)
    return ref(name)
  }
  const attribute = (id: string, name: string): string => {
    if (!live(id)) throw new Error(`GetAtt of ${id}, whose condition is false`)
    return getAtt(id, name)
  }
  const substitute = (text: string, variables: Record<string, unknown>): string =>
    text.replace(/\$\{([^}]+)\}/g, (_all, name: string) => {
      if (Object.hasOwn(variables, name)) return String(variables[name])
      if (name.includes('.')) {
        const [id, attr] = name.split('.') as [string, string]
        return attribute(id, attr)
      }
      return String(reference(name))
    })

  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve).filter((item) => item !== NO_VALUE)
    if (node === null || typeof node !== 'object') return node
    const entries = Object.entries(node)
    if (entries.length === 1) {
      const [key, raw] = entries[0]! as [string, unknown]
      const args = raw as unknown[]
      switch (key) {
        case 'Ref':
          return reference(raw as string)
        case 'Condition':
          return condition(raw as string)
        case 'Fn::If':
          return resolve(condition(args[0] as string) ? args[1] : args[2])
        case 'Fn::Equals':
          return resolve(args[0]) === resolve(args[1])
        case 'Fn::Not':
          return !resolve(args[0])
        case 'Fn::Or':
          return args.some((arg) => resolve(arg) === true)
        case 'Fn::And':
          return args.every((arg) => resolve(arg) === true)
        case 'Fn::GetAtt':
          return attribute(args[0] as string, args[1] as string)
        case 'Fn::Join':
          if (typeof args[0] !== 'string') throw new Error('Fn::Join: the delimiter must be a literal string')
          return (resolve(args[1]) as unknown[]).join(args[0])
        case 'Fn::Split':
          return (resolve(args[1]) as string).split(resolve(args[0]) as string)
        case 'Fn::Select': {
          const list = resolve(args[1]) as unknown[]
          const index = Number(resolve(args[0]))
          if (index >= list.length) throw new Error(`Fn::Select: index ${index} out of bounds`)
          return list[index]
        }
        case 'Fn::Sub':
          if (typeof raw === 'string') return substitute(raw, {})
          return substitute(args[0] as string, resolve(args[1]) as Record<string, unknown>)
      }
    }
    const out: Record<string, unknown> = {}
    for (const [key, value] of entries) {
      const resolved = resolve(value)
      if (resolved !== NO_VALUE) out[key] = resolved
    }
    return out
  }

  // Rules are checked before anything is created, with the parameters only.
  for (const [name, rule] of Object.entries(template.Rules ?? {})) {
    if (rule.RuleCondition !== undefined && resolve(rule.RuleCondition) !== true) continue
    for (const assertion of rule.Assertions) {
      if (resolve(assertion.Assert) !== true) throw new Error(`rule ${name}: ${assertion.AssertDescription ?? 'assertion failed'}`)
    }
  }

  const resources: Record<string, { Type: string; Properties: Record<string, unknown> }> = {}
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (!live(id)) continue
    resources[id] = { Type: resource.Type, Properties: resolve(resource.Properties) as Record<string, unknown> }
  }
  const outputs: Record<string, unknown> = {}
  for (const [id, output] of Object.entries(template.Outputs)) {
    if (output.Condition !== undefined && !condition(output.Condition)) continue
    outputs[id] = resolve(output.Value)
  }
  for (const name of Object.keys(template.Conditions)) condition(name)
  return { conditions, resources, outputs }
}
