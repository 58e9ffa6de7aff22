// A validator of CloudWatch Embedded Metric Format documents, written from the published
// specification ("Specification: Embedded metric format", Amazon CloudWatch User Guide,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
//   - the root is a JSON object with an `_aws` metadata object;
//   - `_aws` has `Timestamp` (a number: ms since the epoch) and `CloudWatchMetrics`, an array of
//     MetricDirectives; the spec's objects hold no members beyond those it defines;
//   - a MetricDirective has `Namespace` (a string), `Dimensions` (an array of DimensionSets: arrays
//     of at most 30 strings, each naming a target member) and `Metrics` (at most 100 MetricDefinitions);
//   - a MetricDefinition has `Name` (a string naming a target member), optional `Unit` (a CloudWatch
//     unit) and optional `StorageResolution` (1 or 60);
//   - every referenced target member is on the root: a dimension's is a string, a metric's a number
//     or an array of at most 100 numbers.
// Returns the problems found; an empty list is a valid document.

const UNITS = new Set([
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes',
  'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second',
  'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second',
  'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
])

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const extraMembers = (value: Record<string, unknown>, allowed: readonly string[], where: string): string[] =>
  Object.keys(value).filter((key) => !allowed.includes(key)).map((key) => `${where} has a member "${key}" the specification does not define`)

export const emfProblems = (line: string): string[] => {
  let root: unknown
  try {
    root = JSON.parse(line)
  } catch {
    return ['the line is not JSON']
  }
  if (!isObject(root)) return ['the root is not a JSON object']
  const meta = root._aws
  if (!isObject(meta)) return ['the root has no "_aws" object']
  const problems = extraMembers(meta, ['Timestamp', 'CloudWatchMetrics'], '_aws')
  if (typeof meta.Timestamp !== 'number' || !Number.isInteger(meta.Timestamp) || meta.Timestamp < 0) {
    problems.push('_aws.Timestamp is not a number of ms since the epoch')
  }
  if (!Array.isArray(meta.CloudWatchMetrics)) return [...problems, '_aws.CloudWatchMetrics is not an array']
  meta.CloudWatchMetrics.forEach((directive: unknown, d) => {
    const at = `_aws.CloudWatchMetrics[${d}]`
    if (!isObject(directive)) return problems.push(`${at} is not an object`)
    problems.push(...extraMembers(directive, ['Namespace', 'Dimensions', 'Metrics'], at))
    if (typeof directive.Namespace !== 'string' || directive.Namespace.length < 1 || directive.Namespace.length > 255) {
      problems.push(`${at}.Namespace is not a string of 1 to 255 characters`)
    }
    if (!Array.isArray(directive.Dimensions)) problems.push(`${at}.Dimensions is not an array`)
    else {
      directive.Dimensions.forEach((set: unknown, s) => {
        if (!Array.isArray(set) || set.length > 30) return problems.push(`${at}.Dimensions[${s}] is not an array of at most 30 names`)
        for (const name of set) {
          if (typeof name !== 'string') problems.push(`${at}.Dimensions[${s}] holds a name that is not a string`)
          else if (typeof root[name] !== 'string') problems.push(`dimension "${name}" has no string target member on the root`)
        }
        return undefined
      })
    }
    if (!Array.isArray(directive.Metrics) || directive.Metrics.length > 100) {
      return problems.push(`${at}.Metrics is not an array of at most 100 definitions`)
    }
    directive.Metrics.forEach((definition: unknown, m) => {
      const where = `${at}.Metrics[${m}]`
      if (!isObject(definition)) return problems.push(`${where} is not an object`)
      problems.push(...extraMembers(definition, ['Name', 'Unit', 'StorageResolution'], where))
      if (typeof definition.Name !== 'string' || definition.Name.length < 1 || definition.Name.length > 255) {
        return problems.push(`${where}.Name is not a string of 1 to 255 characters`)
      }
      if (definition.Unit !== undefined && !UNITS.has(definition.Unit as string)) problems.push(`${where}.Unit is not a CloudWatch unit`)
      if (definition.StorageResolution !== undefined && definition.StorageResolution !== 1 && definition.StorageResolution !== 60) {
        problems.push(`${where}.StorageResolution is neither 1 nor 60`)
      }
      const value = root[definition.Name]
      const numeric = typeof value === 'number' || (Array.isArray(value) && value.length <= 100 && value.every((item) => typeof item === 'number'))
      if (!numeric) problems.push(`metric "${definition.Name}" has no numeric target member on the root`)
      return undefined
    })
    return undefined
  })
  return problems
}

