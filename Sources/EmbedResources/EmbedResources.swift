// EmbedResources: build-tool plugin of the LotseResources target. Runs LotseEmbed over the
// package's Templates/ and Seeds/ and compiles the generated Swift file into the target. Every
// file of both folders is a declared input, so editing, adding or removing one rebuilds it.
import Foundation
import PackagePlugin

@main
struct EmbedResources: BuildToolPlugin {
    /// The embedded folders, relative to the package root.
    static let folders = ["Templates", "Seeds"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let manager = FileManager.default
        var inputs: [URL] = []
        for folder in Self.folders {
            let directory = root.appendingPathComponent(folder)
            for relative in try manager.subpathsOfDirectory(atPath: directory.path).sorted()
            where !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                var isDirectory: ObjCBool = false
                let file = directory.appendingPathComponent(relative)
                if manager.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    inputs.append(file)
                }
            }
            inputs.append(directory)
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles+Generated.swift")
        return [
            .buildCommand(displayName: "Embedding \(Self.folders.joined(separator: "/, "))/ into LotseResources",
                          executable: try context.tool(named: "LotseEmbed").url,
                          arguments: [output.path, root.path] + Self.folders,
                          inputFiles: inputs, outputFiles: [output]),
        ]
    }
}
