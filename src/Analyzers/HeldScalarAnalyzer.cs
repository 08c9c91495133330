using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Repro.Analyzers;

/// <summary>
/// Every <c>TorchSharp.Scalar</c> handed to libtorch must be held by a variable that outlives the call.
/// </summary>
/// <remarks>
/// Why: a Scalar made for one call (an implicit conversion such as <c>t.add_(1.0)</c>, or a default inside
/// TorchSharp such as the alpha of <c>add(Tensor)</c>) is unreachable once its handle is read. A garbage
/// collection on another thread then runs its finalizer, which frees the native scalar while libtorch still
/// reads it: the call fails with "Unknown scalar type", or computes with a wrong number. A held Scalar is a
/// <c>using</c> local (disposed, so alive, after its last call), a field, or a parameter whose caller holds it.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HeldScalarAnalyzer : DiagnosticAnalyzer
{
    const string ScalarType = "TorchSharp.Scalar";
    const string TensorType = "TorchSharp.torch.Tensor";

    public static readonly DiagnosticDescriptor UnheldScalar = new(
        "REPRO001", "TorchSharp Scalar made for a single call",
        "A TorchSharp Scalar is made here from '{0}' and is not held; the garbage collector can free it while libtorch reads it. " +
        "Hold it for the call: 'using var s = value.ToScalar();' or a field (see Runtime/HeldScalars.cs).",
        "Reliability", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InternalScalar = new(
        "REPRO002", "TorchSharp member that makes its own Scalar",
        "'{0}' makes a TorchSharp Scalar inside TorchSharp that the garbage collector can free while libtorch reads it; {1}",
        "Reliability", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(UnheldScalar, InternalScalar);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeConversion, OperationKind.Conversion);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(AnalyzeMethodReference, OperationKind.MethodReference);
        context.RegisterOperationAction(AnalyzeOperator, OperationKind.Binary, OperationKind.Unary, OperationKind.CompoundAssignment);
    }

    static void AnalyzeConversion(OperationAnalysisContext ctx)
    {
        var conversion = (IConversionOperation)ctx.Operation;
        if (conversion.OperatorMethod is not { } op || !IsScalar(op.ReturnType)) return;
        if (IsHeld(conversion)) return;
        ctx.ReportDiagnostic(Diagnostic.Create(UnheldScalar, conversion.Syntax.GetLocation(), conversion.Operand.Syntax.ToString()));
    }

    static void AnalyzeInvocation(OperationAnalysisContext ctx)
    {
        var call = (IInvocationOperation)ctx.Operation;
        var method = call.TargetMethod;
        // Scalar factories (ToScalar and the like) whose result is not held.
        if (IsScalar(method.ReturnType) && IsTorchSharp(method) && !IsHeld(call))
        {
            ctx.ReportDiagnostic(Diagnostic.Create(UnheldScalar, call.Syntax.GetLocation(), call.Syntax.ToString()));
            return;
        }
        if (InternalScalarAdvice(method) is { } advice)
            ctx.ReportDiagnostic(Diagnostic.Create(InternalScalar, call.Syntax.GetLocation(), method.ToDisplayString(), advice));
    }

    /// <summary>A method group (<c>xs.Aggregate(torch.add)</c>) calls the member later, with the same defaults.</summary>
    static void AnalyzeMethodReference(OperationAnalysisContext ctx)
    {
        var reference = (IMethodReferenceOperation)ctx.Operation;
        if (InternalScalarAdvice(reference.Method) is { } advice)
            ctx.ReportDiagnostic(Diagnostic.Create(InternalScalar, reference.Syntax.GetLocation(), reference.Method.ToDisplayString(), advice));
    }

    static void AnalyzeOperator(OperationAnalysisContext ctx)
    {
        IMethodSymbol? op = ctx.Operation switch
        {
            IBinaryOperation b => b.OperatorMethod,
            IUnaryOperation u => u.OperatorMethod,
            ICompoundAssignmentOperation c => c.OperatorMethod,
            _ => null,
        };
        if (op is null || !IsTorchSharp(op)) return;
        if (OperatorAdvice(op) is { } advice)
            ctx.ReportDiagnostic(Diagnostic.Create(InternalScalar, ctx.Operation.Syntax.GetLocation(), op.ToDisplayString(), advice));
    }

    /// <summary>Advice for TorchSharp operators that convert a number, or default an alpha, inside TorchSharp.</summary>
    static string? OperatorAdvice(IMethodSymbol op)
    {
        bool primitive = op.Parameters.Any(p => IsNumber(p.Type));
        if (primitive)
            return "call the method with a held Scalar instead (e.g. t.mul(held) for t * 2.0).";
        // Every + is add(…, 1), whatever its operands; Scalar − Tensor is negative().add(scalar, 1).
        bool tensorSum = op.Name == "op_Addition";
        bool scalarMinus = op.Name == "op_Subtraction" && IsScalar(op.Parameters[0].Type);
        if (tensorSum || scalarMinus)
            return "call add(Tensor, Scalar alpha) with a held alpha (HeldScalars.One).";
        return null;
    }

    /// <summary>Advice for TorchSharp methods whose managed body makes a Scalar of its own.</summary>
    static string? InternalScalarAdvice(IMethodSymbol method)
    {
        if (!IsTorchSharp(method)) return null;
        var type = method.ContainingType.ToDisplayString();
        if (method.Name == "step" && InheritsFrom(method.ContainingType, "TorchSharp.torch.optim.Optimizer"))
            return "step with the project's optimizer (Models/Optimizers/HeldScalarOptimizer.cs), which holds its Scalars.";
        if (type == "TorchSharp.torch.nn" && method.Name is "BatchNorm1d" or "BatchNorm2d" or "BatchNorm3d")
            return "its training forward counts batches with add_(1); use Models/HeldScalarBatchNorm.cs.";
        if (method.Name == "forward" && InheritsFrom(method.ContainingType, "TorchSharp.Modules.BatchNorm"))
            return "TorchSharp's batch-norm forward counts batches with add_(1); override forward as Models/HeldScalarBatchNorm.cs does.";
        // torch.add(a, b) and torch.add_(a, b) default their alpha to a Scalar made from 1.
        if (type == "TorchSharp.torch" && method.Name is "add" or "add_" && method.Parameters.Length == 2)
            return "call the overload with alpha and pass a held Scalar (HeldScalars.One).";
        // torch.normal(double mean, double std, …) is randn(…).mul_(std).add_(mean).
        if (type == "TorchSharp.torch" && method.Name == "normal" && method.Parameters.Length > 0 && IsNumber(method.Parameters[0].Type))
            return "draw with randn and scale with held Scalars.";
        // linalg norms with a numeric order convert it to a Scalar for the call.
        if (type == "TorchSharp.torch.linalg" && method.Name is "vector_norm" or "matrix_norm" or "norm"
            && method.Parameters.Any(p => p.Name == "ord" && IsNumber(p.Type)))
            return "no overload takes a held order; compute the norm from tensor ops.";
        if (method.Name == "square" && (type == TensorType || type == "TorchSharp.torch"))
            return "square() is pow(2): call pow with a held Scalar (HeldScalars.Two).";
        if (type != TensorType) return null;
        var ps = method.Parameters;
        // add(target) / add_(target) / add(scalar) / add_(scalar): alpha defaults to a Scalar made from 1.
        if ((method.Name is "add" or "add_") && ps.Length == 1)
            return "call the overload with alpha and pass a held Scalar (HeldScalars.One).";
        if ((method.Name is "addcdiv" or "addcdiv_" or "addcmul" or "addcmul_") && ps.Length == 2)
            return "call the overload with value and pass a held Scalar.";
        return null;
    }

    /// <summary>True when the Scalar made by <paramref name="made"/> goes straight into a using local or a field.</summary>
    static bool IsHeld(IOperation made)
    {
        var parent = made.Parent;
        while (parent is IConversionOperation) parent = parent.Parent;
        switch (parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return IsUsingDeclaration(declarator.Syntax);
            case IFieldInitializerOperation:
                return true;
            case ISimpleAssignmentOperation { Target: IFieldReferenceOperation }:
                return true;
            default:
                return false;
        }
    }

    static bool IsUsingDeclaration(SyntaxNode declarator)
    {
        var declaration = declarator.Parent as VariableDeclarationSyntax;
        return declaration?.Parent switch
        {
            LocalDeclarationStatementSyntax local => local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword),
            UsingStatementSyntax => true,
            _ => false,
        };
    }

    static bool InheritsFrom(INamedTypeSymbol? type, string baseName)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.ToDisplayString() == baseName) return true;
        return false;
    }

    static bool IsTorchSharp(ISymbol symbol) => symbol.ContainingAssembly?.Name == "TorchSharp";
    static bool IsScalar(ITypeSymbol type) => type.ToDisplayString() == ScalarType;
    static bool IsTensor(ITypeSymbol type) => type.ToDisplayString() == TensorType;

    static bool IsNumber(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
        or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Boolean;
}
