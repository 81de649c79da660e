{{/* Names, labels and the settings several templates share. */}}

{{/* The silo's HTTP port inside the container (API, /healthz, /readyz, /metrics). */}}
{{- define "ordercluster.httpPort" -}}8080{{- end -}}

{{- define "ordercluster.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-<chart>, or just the release name when it already contains the chart name. */}}
{{- define "ordercluster.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Names of the other objects; suffixes kept short so they stay within 63 characters. */}}
{{- define "ordercluster.headlessName" -}}{{ include "ordercluster.fullname" . | trunc 54 | trimSuffix "-" }}-silo{{- end -}}
{{- define "ordercluster.postgresqlName" -}}{{ include "ordercluster.fullname" . | trunc 52 | trimSuffix "-" }}-postgresql{{- end -}}
{{- define "ordercluster.storageSecretName" -}}{{ include "ordercluster.fullname" . | trunc 55 | trimSuffix "-" }}-storage{{- end -}}

{{- define "ordercluster.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object (Helm's recommended set). */}}
{{- define "ordercluster.labels" -}}
helm.sh/chart: {{ include "ordercluster.chart" . }}
app.kubernetes.io/name: {{ include "ordercluster.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ordercluster
{{- end -}}

{{/* Selector of the silo pods; never changes across upgrades (selectors are immutable). */}}
{{- define "ordercluster.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ordercluster.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: silo
{{- end -}}

{{- define "ordercluster.postgresqlSelectorLabels" -}}
app.kubernetes.io/name: {{ include "ordercluster.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: postgresql
{{- end -}}

{{- define "ordercluster.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "ordercluster.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "ordercluster.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/*
Where the silos read Storage__ConnectionString from: a dict with "name" and "key".
In-chart PostgreSQL wins, then a chart-created Secret (trials), then the existing Secret.
*/}}
{{- define "ordercluster.storageSecretRef" -}}
{{- if .Values.postgresql.enabled -}}
{{- dict "name" (include "ordercluster.postgresqlName" .) "key" "connection-string" | toJson -}}
{{- else if .Values.storage.connectionString -}}
{{- dict "name" (include "ordercluster.storageSecretName" .) "key" "connection-string" | toJson -}}
{{- else -}}
{{- dict "name" .Values.storage.existingSecret "key" .Values.storage.existingSecretKey | toJson -}}
{{- end -}}
{{- end -}}

{{/* Seconds as a .NET TimeSpan string ("00:00:20"), the format Runtime__ShutdownDrainTimeout binds. */}}
{{- define "ordercluster.timeSpan" -}}
{{- $s := int . -}}
{{- printf "%02d:%02d:%02d" (div $s 3600) (div (mod $s 3600) 60) (mod $s 60) -}}
{{- end -}}

{{/*
terminationGracePeriodSeconds. Kubernetes starts the grace period before the preStop hook,
so the pod needs preStop sleep + drain + margin, where the margin covers leaving membership
and the rest of the host's stop (the silo's host allows itself drain + 10 s). Computed when
0; an explicit value below that sum fails the render instead of silently cutting the drain.
*/}}
{{- define "ordercluster.terminationGracePeriodSeconds" -}}
{{- $s := .Values.shutdown -}}
{{- $needed := add $s.preStopSleepSeconds $s.drainTimeoutSeconds $s.marginSeconds -}}
{{- $set := int $s.terminationGracePeriodSeconds -}}
{{- if eq $set 0 -}}
{{- $needed -}}
{{- else if lt $set (int $needed) -}}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%d) is too short: it must be at least shutdown.preStopSleepSeconds (%d) + shutdown.drainTimeoutSeconds (%d) + shutdown.marginSeconds (%d) = %d, or 0 to compute it." $set (int $s.preStopSleepSeconds) (int $s.drainTimeoutSeconds) (int $s.marginSeconds) (int $needed)) -}}
{{- else -}}
{{- $set -}}
{{- end -}}
{{- end -}}

{{/* Settings that cannot be expressed in values.schema.json; each failure names the value to change. */}}
{{- define "ordercluster.validate" -}}
{{- if and .Values.postgresql.enabled .Values.storage.connectionString -}}
{{- fail "postgresql.enabled and storage.connectionString are both set: pick one source for the connection string." -}}
{{- end -}}
{{- if and (not .Values.postgresql.enabled) (not .Values.storage.connectionString) (not .Values.storage.existingSecret) -}}
{{- fail "No connection string: set storage.existingSecret (recommended), storage.connectionString (trials) or postgresql.enabled=true (trials)." -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (not (dig "requests" "cpu" "" .Values.resources)) -}}
{{- fail "autoscaling.enabled needs resources.requests.cpu: the HPA's CPU target is a percentage of it." -}}
{{- end -}}
{{- if gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas) -}}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas." -}}
{{- end -}}
{{- range $name, $_ := .Values.extraEnv -}}
{{- if eq (lower $name) "storage__connectionstring" -}}
{{- fail "extraEnv must not carry Storage__ConnectionString (it would land in a ConfigMap): use storage.existingSecret." -}}
{{- end -}}
{{- end -}}
{{- end -}}
